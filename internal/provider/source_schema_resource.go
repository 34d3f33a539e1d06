package provider

import (
	"context"
	"fmt"
	"iter"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/planmodify"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

var (
	_ resource.ResourceWithConfigure      = (*sourceSchemaResource)(nil)
	_ resource.ResourceWithImportState    = (*sourceSchemaResource)(nil)
	_ resource.ResourceWithValidateConfig = (*sourceSchemaResource)(nil)
	_ resource.ResourceWithUpgradeState   = (*sourceSchemaResource)(nil)
)

// NewSourceSchemaResource is the factory of sailpoint_source_schema.
func NewSourceSchemaResource() resource.Resource {
	return &sourceSchemaResource{kitResource[sourceSchemaModel, client.Schema]{kit: &sourceSchemaKit}}
}

type sourceSchemaResource struct {
	kitResource[sourceSchemaModel, client.Schema]
}

type sourceSchemaModel struct {
	ID                 types.String `tfsdk:"id"`
	SourceID           types.String `tfsdk:"source_id"`
	Name               types.String `tfsdk:"name"`
	NativeObjectType   types.String `tfsdk:"native_object_type"`
	IdentityAttribute  types.String `tfsdk:"identity_attribute"`
	DisplayAttribute   types.String `tfsdk:"display_attribute"`
	HierarchyAttribute types.String `tfsdk:"hierarchy_attribute"`
	IncludePermissions types.Bool   `tfsdk:"include_permissions"`
	Features           types.Set    `tfsdk:"features"`
	Configuration      jsonValue    `tfsdk:"configuration"`
	// Attributes maps each attribute's name to its definition (schemaAttributeModel).
	Attributes types.Map    `tfsdk:"attributes"`
	Created    types.String `tfsdk:"created"`
}

// schemaAttributeModel is the definition of one schema attribute; its name is its key.
type schemaAttributeModel struct {
	Type          types.String `tfsdk:"type"`
	Description   types.String `tfsdk:"description"`
	IsMulti       types.Bool   `tfsdk:"is_multi"`
	IsEntitlement types.Bool   `tfsdk:"is_entitlement"`
	IsGroup       types.Bool   `tfsdk:"is_group"`
	SchemaID      types.String `tfsdk:"schema_id"`
}

var schemaAttributeType = objectTypeOf[schemaAttributeModel]()

// accountSchemaName is the schema ISC creates with every source, and deletes only with it.
const accountSchemaName = "account"

var sourceSchemaKit = objectKit[sourceSchemaModel, client.Schema]{
	typeName: "sailpoint_source_schema", noun: "source schema",
	importShape: "SOURCE_ID/SCHEMA_ID", importAttrs: []string{"source_id", "id"},
	toClient: func(ctx context.Context, m *sourceSchemaModel) (*client.Schema, diag.Diagnostics) {
		return m.toClient(ctx)
	},
	fromClient: func(ctx context.Context, s *client.Schema, m *sourceSchemaModel, _ bool) diag.Diagnostics {
		return m.fromClient(ctx, s)
	},
	describe: func(m *sourceSchemaModel) string {
		return "schema " + m.ID.ValueString() + " of source " + m.SourceID.ValueString()
	},
	// A 404 means the schema or its whole source is gone.
	importMiss: func(m *sourceSchemaModel) importMiss {
		id := m.ID.ValueString()
		return importMiss{resource: "sailpoint_source_schema", thing: "source schema", id: m.SourceID.ValueString(),
			child: fmt.Sprintf("schema of ID %q", id), schemaID: id}
	},
	takeOver: func(c *client.Client, m *sourceSchemaModel, want *client.Schema) createOrTakeOver[client.Schema] {
		sourceID := m.SourceID.ValueString()
		return createOrTakeOver[client.Schema]{
			typeName: "sailpoint_source_schema",
			thing:    fmt.Sprintf("schema %q of source %s", want.Name, sourceID),
			// ISC makes the account schema with every source, and the source's schema references
			// usually answer without a request.
			likelyExists: true,
			find: func(ctx context.Context) (*client.Schema, error) {
				id, err := c.SchemaIDByName(ctx, sourceID, want.Name)
				if err != nil || id == "" {
					return nil, err
				}
				return &client.Schema{ID: id, Name: want.Name}, nil
			},
			create: func(ctx context.Context) (*client.Schema, error) { return c.CreateSchema(ctx, sourceID, want) },
			takeOver: func(ctx context.Context, existing *client.Schema) (*client.Schema, error) {
				return c.TakeOverSchema(ctx, sourceID, existing.ID, want, m.definedFields())
			},
		}
	},
	read: func(ctx context.Context, c *client.Client, m *sourceSchemaModel) (*client.Schema, error) {
		return c.GetSchema(ctx, m.SourceID.ValueString(), m.ID.ValueString())
	},
	update: func(ctx context.Context, c *client.Client, m *sourceSchemaModel, prior, want *client.Schema) (*client.Schema, error) {
		patch, err := c.SchemaChanges(ctx, m.SourceID.ValueString(), prior, want)
		if err != nil {
			return nil, err
		}
		if len(patch) == 0 {
			// Nothing to send: the state's schema stands.
			return prior, nil
		}
		// A failed patch changes nothing, and the client's answer to it is an empty schema: the
		// kit must not record it.
		got, err := c.PatchSchema(ctx, m.SourceID.ValueString(), prior.ID, patch)
		if err != nil {
			return nil, err
		}
		return got, nil
	},
	delete: func(ctx context.Context, c *client.Client, m *sourceSchemaModel) error {
		if m.Name.ValueString() == accountSchemaName {
			// The source owns its account schema: it stays in ISC, and leaves only the state.
			tflog.Info(ctx, "Leaving the account schema in ISC; it is deleted with its source",
				map[string]any{"source_id": m.SourceID.ValueString(), "schema_id": m.ID.ValueString()})
			return nil
		}
		return c.DeleteSchema(ctx, m.SourceID.ValueString(), m.ID.ValueString())
	},
	list: &objectList[client.Schema]{
		filters: sourceChildFilter("schemas"),
		list: func(ctx context.Context, c *client.Client, f map[string]string) iter.Seq2[listed[client.Schema], error] {
			return sourceChildren(ctx, c, f, c.Schemas, func(src *client.Source, s *client.Schema) listed[client.Schema] {
				return listed[client.Schema]{key: []string{src.ID, s.ID}, name: src.Name + ": " + s.Name, obj: s}
			})
		},
	},
}

// iscFilled: ISC sets a schema's features from its source's connector. The other arguments ISC
// fills in for the account schema it creates are a user's choice on every other schema.
func (r *sourceSchemaResource) iscFilled() path.Expressions {
	return path.Expressions{path.MatchRoot("features")}
}

func (r *sourceSchemaResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	fromISC := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	nonEmpty := []validator.String{stringvalidator.LengthAtLeast(1)}
	resp.Schema = schema.Schema{
		// Version 1 keys the attributes by name (a list before, see UpgradeState).
		Version: 1,
		MarkdownDescription: "A schema of a source: the attributes ISC reads for the source's accounts (the `account` schema) " +
			"or for other native objects, such as groups.\n\n" +
			"**Existing schemas are taken over.** ISC creates an `account` schema with every source. Creating a " +
			"`sailpoint_source_schema` whose `name` already exists on the source takes that schema over instead of failing, in one " +
			"request: when the configuration sets every argument ISC would otherwise fill in (`native_object_type`, `identity_attribute`, " +
			"`display_attribute`, `features`, `configuration` and `attributes`), the provider replaces the schema with it (`PUT`); " +
			"otherwise it patches the arguments the configuration sets, and those left unset keep ISC's values, except " +
			"`include_permissions` (default `false`) and `hierarchy_attribute` (unset means none).\n\n" +
			"**Destroying the `account` schema only removes it from the Terraform state.** ISC keeps it, with its last " +
			"definition, since a source cannot aggregate accounts without it; it goes away with its source. Every other schema " +
			"is deleted from ISC on destroy.\n\n" +
			"**Group entitlements.** An attribute with `is_group = true` must also have `is_entitlement = true` and point at " +
			"the group schema with `schema_id`, and ISC refuses it unless that group schema already exists on the source. " +
			"Declare the group schema as its own `sailpoint_source_schema` and set `schema_id` to its `id`: the reference " +
			"makes Terraform create the group schema first.\n\n" +
			"ISC allows schema operations only with a user context: configure the provider with a personal access token.\n\n" +
			"An import ID whose `SOURCE_ID` is not a source, or whose schema belongs to another source, fails saying so.",
		Attributes: map[string]schema.Attribute{
			"id": setByISC("Schema ID, set by ISC."),
			"source_id": schema.StringAttribute{
				MarkdownDescription: "ID of the source the schema belongs to. Changing it replaces the schema.",
				Required:            true,
				Validators:          nonEmpty,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Schema name, unique on the source, such as `account` or `group`. A name the source already " +
					"has takes that schema over. ISC cannot rename a schema: changing it replaces the schema. It must not be blank.",
				Required:      true,
				Validators:    nameValidators(),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"native_object_type": schema.StringAttribute{
				MarkdownDescription: "Object type on the native system, such as `User` or `group`. ISC's value is kept when unset.",
				Optional:            true,
				Computed:            true,
				Validators:          nonEmpty,
				PlanModifiers:       fromISC,
			},
			"identity_attribute": schema.StringAttribute{
				MarkdownDescription: "Attribute that identifies an object uniquely. ISC's value is kept when unset.",
				Optional:            true,
				Computed:            true,
				Validators:          nonEmpty,
				PlanModifiers:       fromISC,
			},
			"display_attribute": schema.StringAttribute{
				MarkdownDescription: "Attribute ISC displays for an object. ISC's value is kept when unset.",
				Optional:            true,
				Computed:            true,
				Validators:          nonEmpty,
				PlanModifiers:       fromISC,
			},
			"hierarchy_attribute": schema.StringAttribute{
				MarkdownDescription: "Attribute whose values name other objects of a hierarchy; group schemas only. Unset means none.",
				Optional:            true,
				Computed:            true,
				Default:             planmodify.NullString(),
				Validators:          nonEmpty,
			},
			"include_permissions": schema.BoolAttribute{
				MarkdownDescription: "Whether aggregation reads permissions with the objects. Defaults to `false`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
			"features": schema.SetAttribute{
				MarkdownDescription: "Features of the schema, from ISC's source features. ISC's value is kept when unset.",
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
				Validators:          []validator.Set{setvalidator.ValueStringsAre(stringvalidator.OneOf(sourceFeatures...))},
				PlanModifiers:       []planmodifier.Set{setplanmodifier.UseStateForUnknown()},
			},
			"configuration": schema.StringAttribute{
				MarkdownDescription: "Extra configuration of the schema as a JSON object (use `jsonencode`), such as " +
					"`{ groupMemberAttribute = \"member\" }`. ISC's value is kept when unset.",
				CustomType:    jsonType{},
				Optional:      true,
				Computed:      true,
				Validators:    []validator.String{validate.JSONObject()},
				PlanModifiers: fromISC,
			},
			"attributes": schema.MapNestedAttribute{
				MarkdownDescription: "The attribute definitions, keyed by attribute name, such as " +
					"`{ mail = { description = \"Email\" }, memberOf = { is_multi = true } }`. Names must not be blank and, " +
					"as ISC compares them ignoring case, must differ in more than case. A map, not a list: ISC keeps the " +
					"attributes in an array, but SailPoint documents no meaning for their order, so a plan shows an added, removed or changed " +
					"attribute as exactly that. A change patches only the attributes that differ: the others keep ISC's order, " +
					"and new ones go at the end. When set, the schema has exactly these attributes; ISC's attributes are kept when " +
					"unset, and `{}` removes them all.",
				Optional:      true,
				Computed:      true,
				Validators:    []validator.Map{mapvalidator.KeysAre(nameValidators()...)},
				PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"type": schema.StringAttribute{
						MarkdownDescription: "Value type: one of " + codeList(client.AttributeTypes) + ". Defaults to `STRING`.",
						Optional:            true,
						Computed:            true,
						Default:             stringdefault.StaticString("STRING"),
						Validators:          []validator.String{stringvalidator.OneOf(client.AttributeTypes...)},
					},
					"description": schema.StringAttribute{
						MarkdownDescription: "Description of the attribute.",
						Optional:            true,
						Computed:            true,
						Default:             planmodify.NullString(),
						Validators:          nonEmpty,
					},
					"is_multi": schema.BoolAttribute{
						MarkdownDescription: "Whether the attribute holds several values. Defaults to `false`.",
						Optional:            true,
						Computed:            true,
						Default:             booldefault.StaticBool(false),
					},
					"is_entitlement": schema.BoolAttribute{
						MarkdownDescription: "Whether the attribute's values are entitlements. Defaults to `false`.",
						Optional:            true,
						Computed:            true,
						Default:             booldefault.StaticBool(false),
					},
					"is_group": schema.BoolAttribute{
						MarkdownDescription: "Whether the attribute's values are groups described by another schema of the source. " +
							"Needs `is_entitlement = true` and `schema_id`, and the group schema must exist first. Defaults to `false`.",
						Optional: true,
						Computed: true,
						Default:  booldefault.StaticBool(false),
					},
					"schema_id": schema.StringAttribute{
						MarkdownDescription: "ID of the schema of the source that the attribute's values point at, usually the group " +
							"schema: reference it, such as `sailpoint_source_schema.group.id`, so that Terraform creates it first.",
						Optional:   true,
						Computed:   true,
						Default:    planmodify.NullString(),
						Validators: nonEmpty,
					},
				}},
			},
			"created": setByISC("When the schema was created."),
		},
	}
}

// ValidateConfig checks the attributes as a whole: names that differ only in case, and group
// attributes that ISC would refuse.
func (r *sourceSchemaResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var attrs types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("attributes"), &attrs)...)
	if resp.Diagnostics.HasError() || attrs.IsNull() || attrs.IsUnknown() {
		return
	}
	defs := attrs.Elements()
	first := map[string]string{}
	for _, name := range slices.Sorted(maps.Keys(defs)) {
		at := path.Root("attributes").AtMapKey(name)
		if other, dup := first[strings.ToLower(name)]; dup {
			resp.Diagnostics.AddAttributeError(at, "Duplicate schema attribute name",
				fmt.Sprintf("The attributes %q and %q differ only in case, and ISC compares attribute names ignoring case, so a "+
					"schema cannot have both. Remove one of them.", other, name))
		} else {
			first[strings.ToLower(name)] = name
		}
		obj, ok := defs[name].(types.Object)
		if !ok || obj.IsNull() || obj.IsUnknown() {
			continue
		}
		var a schemaAttributeModel
		if d := obj.As(ctx, &a, basetypes.ObjectAsOptions{}); d.HasError() || !a.IsGroup.ValueBool() {
			continue
		}
		if !a.IsEntitlement.IsUnknown() && !a.IsEntitlement.ValueBool() {
			resp.Diagnostics.AddAttributeError(at.AtName("is_group"), "Group attribute is not an entitlement",
				fmt.Sprintf("%s is true, but is_entitlement is not: ISC accepts is_group only on entitlement attributes. "+
					"Set is_entitlement = true on attribute %q, or remove is_group.", at.AtName("is_group"), name))
		}
		if a.SchemaID.IsNull() {
			resp.Diagnostics.AddAttributeError(at.AtName("schema_id"), "Group attribute without a group schema",
				fmt.Sprintf("%s is true, but schema_id is unset: a group attribute points at the schema that describes its groups. "+
					"Set schema_id on attribute %q to the group schema's id, such as sailpoint_source_schema.group.id, "+
					"which also makes Terraform create the group schema first.", at.AtName("is_group"), name))
		}
	}
}

// toClient builds ISC's schema from the model. What the model leaves unknown (arguments that
// keep ISC's value when unset, on a create) is left empty: definedFields tells a takeover which
// members the model defines.
func (m *sourceSchemaModel) toClient(ctx context.Context) (*client.Schema, diag.Diagnostics) {
	var diags diag.Diagnostics
	s := &client.Schema{
		ID:                 m.ID.ValueString(),
		Name:               m.Name.ValueString(),
		NativeObjectType:   m.NativeObjectType.ValueString(),
		IdentityAttribute:  m.IdentityAttribute.ValueString(),
		DisplayAttribute:   m.DisplayAttribute.ValueString(),
		HierarchyAttribute: m.HierarchyAttribute.ValueString(),
		IncludePermissions: m.IncludePermissions.ValueBool(),
		Configuration:      jsonObjectAt(m.Configuration, path.Root("configuration"), &diags),
		Created:            m.Created.ValueString(),
	}
	if known(m.Features) {
		diags.Append(m.Features.ElementsAs(ctx, &s.Features, false)...)
		sort.Strings(s.Features)
	}
	if known(m.Attributes) {
		var defs map[string]schemaAttributeModel
		diags.Append(m.Attributes.ElementsAs(ctx, &defs, false)...)
		// In name order: a map has none, and ISC keeps the order it is given (see SchemaChanges).
		s.Attributes = make([]client.AttributeDefinition, 0, len(defs))
		for _, name := range slices.Sorted(maps.Keys(defs)) {
			a := defs[name]
			def := client.AttributeDefinition{
				Name:          name,
				Type:          a.Type.ValueString(),
				Description:   a.Description.ValueString(),
				IsMulti:       a.IsMulti.ValueBool(),
				IsEntitlement: a.IsEntitlement.ValueBool(),
				IsGroup:       a.IsGroup.ValueBool(),
			}
			if id := a.SchemaID.ValueString(); id != "" {
				def.Schema = &client.Reference{Type: client.RefConnectorSchema, ID: id}
			}
			s.Attributes = append(s.Attributes, def)
		}
	}
	return s, diags
}

// definedFields says which of the arguments that keep ISC's value when unset the model defines.
func (m *sourceSchemaModel) definedFields() client.SchemaFields {
	return client.SchemaFields{
		NativeObjectType: known(m.NativeObjectType), IdentityAttribute: known(m.IdentityAttribute),
		DisplayAttribute: known(m.DisplayAttribute), Features: known(m.Features),
		Configuration: known(m.Configuration), Attributes: known(m.Attributes),
	}
}

// known is whether a value is set: neither null nor unknown.
func known(v attr.Value) bool { return !v.IsNull() && !v.IsUnknown() }

// fromClient sets the model from ISC's schema; the source stays the model's.
func (m *sourceSchemaModel) fromClient(ctx context.Context, s *client.Schema) diag.Diagnostics {
	var diags, d diag.Diagnostics
	m.ID = types.StringValue(s.ID)
	m.Name = types.StringValue(s.Name)
	m.NativeObjectType = stringOrNull(s.NativeObjectType)
	m.IdentityAttribute = stringOrNull(s.IdentityAttribute)
	m.DisplayAttribute = stringOrNull(s.DisplayAttribute)
	m.HierarchyAttribute = stringOrNull(s.HierarchyAttribute)
	m.IncludePermissions = types.BoolValue(s.IncludePermissions)
	// ISC's absent lists and objects are empty ones (withDefaults in the client).
	features := s.Features
	if features == nil {
		features = []string{}
	}
	m.Features, d = types.SetValueFrom(ctx, types.StringType, features)
	diags.Append(d...)
	cfg := s.Configuration
	if cfg == nil {
		cfg = map[string]any{}
	}
	var err error
	if m.Configuration, err = normalizedJSON(cfg); err != nil {
		diags.AddAttributeError(path.Root("configuration"), "Cannot read configuration", err.Error())
	}
	m.Attributes, d = types.MapValueFrom(ctx, schemaAttributeType, attributesFromClient(s.Attributes))
	diags.Append(d...)
	m.Created = types.StringValue(s.Created)
	return diags
}

// attributesFromClient keys ISC's attribute definitions by name.
func attributesFromClient(attrs []client.AttributeDefinition) map[string]schemaAttributeModel {
	out := make(map[string]schemaAttributeModel, len(attrs))
	for _, a := range attrs {
		typ := a.Type
		if typ == "" {
			typ = "STRING"
		}
		def := schemaAttributeModel{
			Type:          types.StringValue(typ),
			Description:   stringOrNull(a.Description),
			IsMulti:       types.BoolValue(a.IsMulti),
			IsEntitlement: types.BoolValue(a.IsEntitlement),
			IsGroup:       types.BoolValue(a.IsGroup),
			SchemaID:      types.StringNull(),
		}
		if a.Schema != nil && a.Schema.ID != "" {
			def.SchemaID = types.StringValue(a.Schema.ID)
		}
		out[a.Name] = def
	}
	return out
}
