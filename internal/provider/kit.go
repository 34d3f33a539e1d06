package provider

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
	"github.com/isc-terraform/terraform-provider-sailpoint/internal/validate"
)

// objectKit is the CRUD flow that the resources of ISC object types share: a resource file gives
// its schema, its model M and the conversions between M and the client's object T, and the kit
// does the rest: create (with the adoption rule of lost answers), read (a 404 removes the
// resource from the state), update only when something changed, delete (a 404 means done), and
// import with one wording of a malformed ID.
type objectKit[M, T any] struct {
	typeName string // sailpoint_transform
	noun     string // transform, in diagnostics: "Error creating SailPoint transform"
	// importShape is the import ID's shape, such as TRANSFORM_ID or SOURCE_ID/SCHEMA_ID;
	// importAttrs are the attributes its parts fill, in order, and importWhole, when set, the
	// attribute that takes the whole ID (the id of a source's child). importCheck refuses parts
	// that are well formed but wrong, such as an unknown type, with the reason; nil when none are.
	importShape string
	importAttrs []string
	importWhole string
	importCheck func(parts []string) string

	// toClient builds ISC's object from a plan or a state.
	toClient func(ctx context.Context, m *M) (*T, diag.Diagnostics)
	// fromClient sets the model, which holds the plan (applied: after a write) or the prior state
	// (after a read), from ISC's object.
	fromClient func(ctx context.Context, obj *T, m *M, applied bool) diag.Diagnostics
	// keepServerValues copies what only ISC sets from the prior state into the plan, for an
	// update that sent nothing; nil when the plan has those values already.
	keepServerValues func(m, prior *M)
	// describe names the object of a model in messages, such as "transform 2c91...".
	describe func(m *M) string

	// create makes the object. For an object its source may have already, takeOver describes a
	// create that takes an existing one over instead (see createOrTakeOver), and create is nil.
	create   func(ctx context.Context, c *client.Client, want *T) (*T, error)
	takeOver func(c *client.Client, m *M, want *T) createOrTakeOver[T]
	// createBelow, set instead of create, makes an object below the one its model names (a
	// lifecycle state of an identity profile).
	createBelow func(ctx context.Context, c *client.Client, m *M, want *T) (*T, error)
	read        func(ctx context.Context, c *client.Client, m *M) (*T, error)
	// update changes the object from what the state holds to what the plan wants. It returns
	// nil and no error when ISC needs no request. With partialUpdates, an object it returns with
	// an error is what ISC holds after the part that went through (an update in several
	// requests), and is recorded; otherwise what it returns with an error is ignored.
	update         func(ctx context.Context, c *client.Client, m *M, prior, want *T) (*T, error)
	partialUpdates bool
	// delete deletes the object; ISC's 404 is taken as done. For an object ISC deletes in a
	// background task, deleteAsync is set instead.
	delete      func(ctx context.Context, c *client.Client, m *M) error
	deleteAsync *asyncDelete[M]
	// list finds the objects of the type for its list resource.
	list *objectList[T]
	// importMiss says what an import looked for, so that a miss is explained (see
	// explainImportMiss).
	importMiss func(m *M) importMiss
}

// asyncDelete is the delete of an object ISC removes in a background task: ask, then wait until
// it is gone, within the resource's delete timeout.
type asyncDelete[M any] struct {
	timeouts func(m *M) timeouts.Value
	fallback time.Duration
	start    func(ctx context.Context, c *client.Client, m *M) (*client.TaskRef, error)
	wait     func(ctx context.Context, c *client.Client, m *M, taskID string) error
}

// kitResource is a resource whose CRUD and import methods its objectKit provides; a resource
// type embeds it and adds its Schema and its plan-time rules.
type kitResource[M, T any] struct {
	clientHolder
	kit *objectKit[M, T]
}

// identity is the resource identity of the kit's type: the attributes of its import ID.
func (k *objectKit[M, T]) identity() objectIdentity {
	return objectIdentity{typeName: k.typeName, shape: k.importShape, attrs: k.importAttrs}
}

func (r *kitResource[M, T]) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	r.kit.identity().identitySchema(resp)
}

func (r *kitResource[M, T]) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.kit.typeName
}

func (r *kitResource[M, T]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	defer r.kit.identity().record(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	want, diags := r.kit.toClient(ctx, &plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	var got *T
	if r.kit.takeOver != nil {
		if got = r.kit.takeOver(r.client, &plan, want).run(ctx, &resp.Diagnostics); got == nil {
			return
		}
	} else {
		var err error
		if r.kit.createBelow != nil {
			got, err = r.kit.createBelow(ctx, r.client, &plan, want)
		} else {
			got, err = r.kit.create(ctx, r.client, want)
		}
		if err != nil {
			addCreateError(&resp.Diagnostics, r.kit.typeName, r.kit.noun, err)
			return
		}
	}
	resp.Diagnostics.Append(r.kit.fromClient(ctx, got, &plan, true)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *kitResource[M, T]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	// The prior state's identity first: a Terraform without identities (< 1.12) sends none, and the
	// framework wants one even when the read removes the resource.
	r.kit.identity().record(ctx, &req.State, resp.Identity, &resp.Diagnostics)
	defer r.kit.identity().record(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	imported := justImported(ctx, req, resp)
	got, err := r.kit.read(ctx, r.client, &state)
	if errors.Is(err, client.ErrNotFound) {
		if imported && r.explainImportMiss(ctx, r.kit.importMiss(&state), &resp.Diagnostics) {
			return
		}
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addAPIError(&resp.Diagnostics, "reading", r.kit.describe(&state), err)
		return
	}
	resp.Diagnostics.Append(r.kit.fromClient(ctx, got, &state, false)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *kitResource[M, T]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	defer r.kit.identity().record(ctx, &resp.State, resp.Identity, &resp.Diagnostics)
	var plan, prior M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	from, diags := r.kit.toClient(ctx, &prior)
	resp.Diagnostics.Append(diags...)
	to, diags := r.kit.toClient(ctx, &plan)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	got, err := r.kit.update(ctx, r.client, &prior, from, to)
	if err != nil {
		if got != nil && r.kit.partialUpdates {
			// Record what went through, as a read would; the next plan shows the rest.
			resp.Diagnostics.Append(r.kit.fromClient(ctx, got, &plan, false)...)
			resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		}
		addAPIError(&resp.Diagnostics, "updating", r.kit.describe(&prior), err)
		return
	}
	switch {
	case got != nil:
		resp.Diagnostics.Append(r.kit.fromClient(ctx, got, &plan, true)...)
	case r.kit.keepServerValues != nil:
		r.kit.keepServerValues(&plan, &prior)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *kitResource[M, T]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if a := r.kit.deleteAsync; a != nil {
		deleteAsync(ctx, &resp.Diagnostics, a.timeouts(&state), a.fallback, r.kit.describe(&state),
			func(ctx context.Context) (*client.TaskRef, error) { return a.start(ctx, r.client, &state) },
			func(ctx context.Context, taskID string) error { return a.wait(ctx, r.client, &state, taskID) })
		return
	}
	addDeleteError(&resp.Diagnostics, r.kit.describe(&state), r.kit.delete(ctx, r.client, &state))
}

func (r *kitResource[M, T]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	identity := r.kit.identity()
	id := identity.importID(ctx, req, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	parts, err := parseImportID(id, r.kit.importShape)
	if err == nil && r.kit.importCheck != nil {
		if reason := r.kit.importCheck(parts); reason != "" {
			err = fmt.Errorf("expected %s, got %q: %s", r.kit.importShape, id, reason)
		}
	}
	if err != nil {
		resp.Diagnostics.AddError("Invalid import ID for "+r.kit.typeName, err.Error())
		return
	}
	for i, attr := range r.kit.importAttrs {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(attr), parts[i])...)
	}
	if r.kit.importWhole != "" {
		resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root(r.kit.importWhole), id)...)
	}
	identity.setImported(ctx, parts, resp.Identity, &resp.Diagnostics)
	markImported(ctx, resp)
}

// byIDOrName is embedded by the data sources that find one object by id or by name (see lookup):
// their configuration sets exactly one of the two.
type byIDOrName struct{}

func (byIDOrName) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("name"))}
}

// withIDAndName adds the id and name attributes of such a data source to its other attributes.
func withIDAndName(noun string, attrs map[string]dsschema.Attribute) map[string]dsschema.Attribute {
	attrs["id"] = dsschema.StringAttribute{
		MarkdownDescription: "The " + noun + "'s ID. Set exactly one of `id` and `name`.",
		Optional:            true, Computed: true,
		Validators: []validator.String{validate.NotBlank()},
	}
	attrs["name"] = dsschema.StringAttribute{
		MarkdownDescription: "The " + noun + "'s name, matched exactly. Set exactly one of `id` and `name`.",
		Optional:            true, Computed: true,
		Validators: []validator.String{validate.NotBlank()},
	}
	return attrs
}

// setByISC is a string only ISC sets and an update never changes, such as an id or a creation
// time: plans keep the state's value.
func setByISC(description string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: description, Computed: true,
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}}
}

// lookup finds the one object a data source names by id or by name (its configuration sets
// exactly one): get reads by id, all lists every object (from the run's read cache) for a name.
// Nil after an error on the attribute at fault.
func lookup[T any](ctx context.Context, diags *diag.Diagnostics, noun string, id, name types.String,
	get func(context.Context, string) (*T, error), all func(context.Context) ([]T, error), nameOf func(*T) string,
) *T {
	if id := id.ValueString(); id != "" {
		found, err := get(ctx, id)
		switch {
		case errors.Is(err, client.ErrNotFound):
			diags.AddAttributeError(path.Root("id"), "SailPoint "+noun+" not found",
				fmt.Sprintf("There is no %s with id %q in ISC. Check the ID, or look the %s up by name.", noun, id, noun))
			return nil
		case err != nil:
			addAPIError(diags, "reading", noun+" "+id, err)
			return nil
		}
		return found
	}
	objects, err := all(ctx)
	if err != nil {
		addAPIError(diags, "looking up", noun, err)
		return nil
	}
	return findNamed(diags, noun, name.ValueString(), objects, nameOf)
}

// findNamed returns the one object of all whose name is exactly name, or nil after an error on
// the name attribute that lists the objects whose names differ only in case or spacing, or that
// start the same way.
func findNamed[T any](diags *diag.Diagnostics, noun, name string, all []T, nameOf func(*T) string) *T {
	var near []string
	for i := range all {
		n := nameOf(&all[i])
		switch {
		case n == name:
			return &all[i]
		case strings.EqualFold(strings.TrimSpace(n), strings.TrimSpace(name)),
			len(name) >= 3 && strings.HasPrefix(strings.ToLower(n), strings.ToLower(name[:3])):
			near = append(near, strconv.Quote(n))
		}
	}
	detail := fmt.Sprintf("ISC has no %s named %q (names match exactly, including case).", noun, name)
	if len(near) > 0 {
		sort.Strings(near)
		detail += " Similar names: " + strings.Join(near, ", ") + "."
	}
	diags.AddAttributeError(path.Root("name"), "SailPoint "+noun+" not found", detail)
	return nil
}
