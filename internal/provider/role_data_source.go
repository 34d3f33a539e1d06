package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

var _ datasource.DataSourceWithConfigValidators = (*roleDataSource)(nil)

// NewRoleDataSource is the factory of the sailpoint_role data source.
func NewRoleDataSource() datasource.DataSource { return &roleDataSource{} }

type roleDataSource struct {
	dataSourceClientHolder
	byIDOrName
}

func (d *roleDataSource) Metadata(_ context.Context, _ datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = roleKit.typeName
}

func (d *roleDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	// The resource's attributes, read from ISC: one model and one converter serve both.
	var rs resource.SchemaResponse
	(&roleResource{}).Schema(ctx, resource.SchemaRequest{}, &rs)
	attrs := map[string]dsschema.Attribute{}
	for name, a := range rs.Schema.Attributes {
		if name != "id" && name != "name" {
			attrs[name] = computedDataAttribute(a)
		}
	}
	resp.Schema = dsschema.Schema{
		MarkdownDescription: "Looks up one role of SailPoint Identity Security Cloud (ISC) by `id` or by `name`, such as one another team " +
			"manages. Lookups read the list of roles (in pages of 50, the most ISC serves) once per run.",
		Attributes: withIDAndName("role", attrs),
	}
}

// computedDataAttribute is a resource attribute as a data source reads it: computed, with the
// same description and nesting.
func computedDataAttribute(a schema.Attribute) dsschema.Attribute {
	nested := func(attrs map[string]schema.Attribute) map[string]dsschema.Attribute {
		out := make(map[string]dsschema.Attribute, len(attrs))
		for name, a := range attrs {
			out[name] = computedDataAttribute(a)
		}
		return out
	}
	d := readDescription(a.GetMarkdownDescription())
	switch a := a.(type) {
	case schema.StringAttribute:
		return dsschema.StringAttribute{MarkdownDescription: d, Computed: true}
	case schema.BoolAttribute:
		return dsschema.BoolAttribute{MarkdownDescription: d, Computed: true}
	case schema.SetAttribute:
		return dsschema.SetAttribute{MarkdownDescription: d, Computed: true, ElementType: a.ElementType}
	case schema.SingleNestedAttribute:
		return dsschema.SingleNestedAttribute{MarkdownDescription: d, Computed: true, Attributes: nested(a.Attributes)}
	case schema.ListNestedAttribute:
		return dsschema.ListNestedAttribute{MarkdownDescription: d, Computed: true,
			NestedObject: dsschema.NestedAttributeObject{Attributes: nested(a.NestedObject.Attributes)}}
	}
	panic(fmt.Sprintf("computedDataAttribute: no data source attribute for a %T", a))
}

// readDescription is a resource attribute's description without what speaks of configuring it:
// its default, what unset means, and how a change is planned.
func readDescription(d string) string {
	var kept []string
	for _, sentence := range strings.SplitAfter(d, ". ") {
		if !strings.HasPrefix(sentence, "Default ") && !strings.HasPrefix(sentence, "Unset") &&
			!strings.HasPrefix(sentence, "One change") && !strings.HasPrefix(sentence, "ISC sets it only on create") {
			kept = append(kept, sentence)
		}
	}
	return strings.TrimSpace(strings.Join(kept, ""))
}

func (d *roleDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg roleModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	found := lookup(ctx, &resp.Diagnostics, "role", cfg.ID, cfg.Name, d.client.GetRole, d.client.AllRoles,
		func(r *client.Role) string { return r.Name })
	if found == nil {
		return
	}
	state := roleModel{Segments: types.SetNull(types.StringType)}
	resp.Diagnostics.Append(state.fromClient(ctx, found, false)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
