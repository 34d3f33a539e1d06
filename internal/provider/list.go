package provider

import (
	"context"
	"iter"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	listschema "github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

// objectList is how the list resource of a type (terraform query, Terraform >= 1.14) finds its
// objects in ISC: the list block's filters and the list call.
type objectList[T any] struct {
	// filters are the optional arguments of the list block, by name, with their descriptions.
	filters map[string]string
	// list streams the objects that match the filters (by name, "" when unset) as ISC's pages
	// come in.
	list func(ctx context.Context, c *client.Client, filters map[string]string) iter.Seq2[listed[T], error]
}

// listed is one object a list call found.
type listed[T any] struct {
	key  []string // the values of the identity's attributes, in order
	name string   // what people call it, shown by terraform query
	obj  *T       // the object, or nil when the list call does not give it whole (then it is read)
}

// listResource is the list resource of an object type. Its results are what an import of each
// object records: the identity, and with include_resource the state a read after an import
// gives, so that configuration generated from them plans no change.
type listResource[M, T any] struct {
	clientHolder
	identity objectIdentity
	// whole is the attribute that holds the whole import ID, as objectKit.importWhole.
	whole string
	objectList[T]
	read       func(ctx context.Context, c *client.Client, m *M) (*T, error)
	fromClient func(ctx context.Context, obj *T, m *M) diag.Diagnostics
}

func (r *listResource[M, T]) Metadata(_ context.Context, _ resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = r.identity.typeName
}

func (r *listResource[M, T]) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	attrs := map[string]listschema.Attribute{}
	for name, description := range r.filters {
		attrs[name] = listschema.StringAttribute{MarkdownDescription: description, Optional: true}
	}
	resp.Schema = listschema.Schema{
		MarkdownDescription: "Finds the `" + r.identity.typeName + "` objects of the tenant for `terraform query` (Terraform >= 1.14), " +
			"page by page as ISC lists them. Each result is the object's resource identity, which an `import` block takes, and with " +
			"`include_resource` the resource as an import reads it; `terraform query -generate-config-out=FILE` writes both as " +
			"configuration (see the guide *Bring an existing tenant under Terraform*).",
		Attributes: attrs,
	}
}

func (r *listResource[M, T]) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	filters := map[string]string{}
	var diags diag.Diagnostics
	for name := range r.filters {
		var v types.String
		diags.Append(req.Config.GetAttribute(ctx, path.Root(name), &v)...)
		filters[name] = v.ValueString()
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		var n int64
		for found, err := range r.list(ctx, r.client, filters) {
			if err != nil {
				var d diag.Diagnostics
				addAPIError(&d, "listing", r.identity.typeName+" objects", err)
				push(list.ListResult{Diagnostics: d})
				return
			}
			if !push(r.result(ctx, req, found)) {
				return
			}
			if n++; req.Limit > 0 && n >= req.Limit {
				return
			}
		}
	}
}

// result is one object's list result: the identity, and the resource when asked for.
func (r *listResource[M, T]) result(ctx context.Context, req list.ListRequest, found listed[T]) list.ListResult {
	res := req.NewListResult(ctx)
	res.DisplayName = found.name
	r.identity.setImported(ctx, found.key, res.Identity, &res.Diagnostics)
	if !req.IncludeResource || res.Diagnostics.HasError() {
		return res
	}
	// The state an import starts from, then the read that follows it.
	for i, a := range r.identity.attrs {
		res.Diagnostics.Append(res.Resource.SetAttribute(ctx, path.Root(a), found.key[i])...)
	}
	if r.whole != "" {
		res.Diagnostics.Append(res.Resource.SetAttribute(ctx, path.Root(r.whole), r.identity.join(found.key))...)
	}
	var m M
	res.Diagnostics.Append(res.Resource.Get(ctx, &m)...)
	if res.Diagnostics.HasError() {
		return res
	}
	obj := found.obj
	if obj == nil {
		var err error
		if obj, err = r.read(ctx, r.client, &m); err != nil {
			addAPIError(&res.Diagnostics, "reading", found.name, err)
			return res
		}
	}
	res.Diagnostics.Append(r.fromClient(ctx, obj, &m)...)
	res.Diagnostics.Append(res.Resource.Set(ctx, &m)...)
	return res
}

// listResource is the list resource of the kit's type, which declares its list.
func (k *objectKit[M, T]) listResource() *listResource[M, T] {
	return &listResource[M, T]{
		identity: k.identity(), whole: k.importWhole, objectList: *k.list, read: k.read,
		fromClient: func(ctx context.Context, obj *T, m *M) diag.Diagnostics { return k.fromClient(ctx, obj, m, false) },
	}
}

// kitList is the factory of the list resource of a kit's type; nil when the kit declares no list.
func kitList[M, T any](k *objectKit[M, T]) func() list.ListResource {
	if k.list == nil {
		return nil
	}
	return func() list.ListResource { return k.listResource() }
}

// NewSourceListResource is the factory of the list resource of sailpoint_source.
func NewSourceListResource() list.ListResource {
	return &listResource[sourceModel, client.Source]{
		identity: sourceIdentity,
		objectList: objectList[client.Source]{
			filters: map[string]string{
				"name_prefix": nameFilter("sources")["name_prefix"],
				"type":        "Only the sources of this connector type, as their `type` attribute holds it, such as `DelimitedFile`.",
			},
			list: func(ctx context.Context, c *client.Client, f map[string]string) iter.Seq2[listed[client.Source], error] {
				return pagesOf(c.SourcePages(ctx, nameOptions(f, map[string]string{"type": "type"})), func(s *client.Source) listed[client.Source] {
					return listed[client.Source]{key: []string{s.ID}, name: s.Name, obj: s}
				})
			},
		},
		// As the read after an import: every connector attribute but the secrets.
		fromClient: func(ctx context.Context, s *client.Source, m *sourceModel) diag.Diagnostics {
			return m.fromClient(ctx, s, *m, false, true)
		},
	}
}

// pagesOf streams the items of a list call's pages, each made listed by one.
func pagesOf[P, T any](pages iter.Seq2[[]P, error], one func(*P) listed[T]) iter.Seq2[listed[T], error] {
	return func(yield func(listed[T], error) bool) {
		for page, err := range pages {
			if err != nil {
				yield(listed[T]{}, err)
				return
			}
			for i := range page {
				if !yield(one(&page[i]), nil) {
					return
				}
			}
		}
	}
}

// below streams the objects that live below parents (the schemas of each source, say): for each
// parent, the objects children finds.
func below[P, T any](parents iter.Seq2[[]P, error], children func(*P) ([]T, error), one func(parent *P, obj *T) listed[T]) iter.Seq2[listed[T], error] {
	return func(yield func(listed[T], error) bool) {
		for page, err := range parents {
			if err != nil {
				yield(listed[T]{}, err)
				return
			}
			for i := range page {
				objs, err := children(&page[i])
				if err != nil {
					yield(listed[T]{}, err)
					return
				}
				for j := range objs {
					if !yield(one(&page[i], &objs[j]), nil) {
						return
					}
				}
			}
		}
	}
}

// onlyOne is a list of the one object get reads, as one page.
func onlyOne[P any](get func() (*P, error)) iter.Seq2[[]P, error] {
	return func(yield func([]P, error) bool) {
		p, err := get()
		if err != nil {
			yield(nil, err)
			return
		}
		yield([]P{*p}, nil)
	}
}

// nameFilter is the filter of the lists whose ISC call filters names by prefix (name sw).
func nameFilter(nouns string) map[string]string {
	return map[string]string{"name_prefix": "Only the " + nouns + " whose names start with this text."}
}

// nameOptions are the list options of nameFilter's value and of the other filters of the list
// block, each an ISC field that equals it (by argument: "source_id" is "source.id").
func nameOptions(filters map[string]string, fields map[string]string) client.ListOptions {
	var all []string
	if p := filters["name_prefix"]; p != "" {
		all = append(all, client.FilterSw("name", p))
	}
	for arg, field := range fields {
		if v := filters[arg]; v != "" {
			all = append(all, client.FilterEq(field, v))
		}
	}
	slices.Sort(all) // one request for one query, whatever the map's order
	return client.ListOptions{Filters: client.FilterAnd(all...)}
}

// sourceChildFilter is the filter of the lists of a source's children.
func sourceChildFilter(nouns string) map[string]string {
	return map[string]string{"source_id": "Only the " + nouns + " of the source of this ID; those of every source when unset."}
}

// sourceChildren streams the children of the source that source_id names, or of every source.
func sourceChildren[T any](ctx context.Context, c *client.Client, filters map[string]string,
	children func(ctx context.Context, sourceID string) ([]T, error), one func(src *client.Source, obj *T) listed[T],
) iter.Seq2[listed[T], error] {
	sources := c.SourcePages(ctx, client.ListOptions{})
	if id := filters["source_id"]; id != "" {
		sources = onlyOne(func() (*client.Source, error) { return c.GetSource(ctx, id) })
	}
	return below(sources, func(s *client.Source) ([]T, error) { return children(ctx, s.ID) }, one)
}
