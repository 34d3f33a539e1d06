package provider

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/client"
)

// A source's settings (correlation, native change detection, attribute sync, entitlement
// requests) are documents ISC keeps one of per source, with no id of their own: the source's id
// names them and imports them. A new source has each already, so a create is no create but a PUT
// that takes the source's document over, and a destroy puts back what a new source holds (or
// removes the document, where ISC can). sourceSetting describes one such document, and
// settingsKit makes the objectKit of its resource.
type sourceSetting[M, T any] struct {
	typeName string // sailpoint_source_correlation_config
	noun     string // correlation config
	// source is the model's source_id, and setID sets the model's id from it.
	source func(m *M) types.String
	setID  func(m *M)

	toClient   func(ctx context.Context, m *M) (*T, diag.Diagnostics)
	fromClient func(ctx context.Context, doc *T, m *M, applied bool) diag.Diagnostics

	get func(ctx context.Context, c *client.Client, sourceID string) (*T, error)
	// put writes the document the configuration wants, in full.
	put func(ctx context.Context, c *client.Client, sourceID string, want *T) (*T, error)
	// release undoes the resource on destroy: it restores a new source's document or removes it.
	release func(ctx context.Context, c *client.Client, sourceID string) error
	// isSet says whether a source's document holds more than a new source's, and setMeans says
	// it to people ("has a pair"): the list resource lists a source's document only then, so
	// that terraform query brings under Terraform what was set, not every source's default.
	isSet    func(doc *T) bool
	setMeans string
}

func settingsKit[M, T any](s sourceSetting[M, T]) *objectKit[M, T] {
	sourceID := func(m *M) string { return s.source(m).ValueString() }
	return &objectKit[M, T]{
		typeName: s.typeName, noun: s.noun,
		importShape: "SOURCE_ID", importAttrs: []string{"source_id"}, importWhole: "id",
		toClient: s.toClient,
		fromClient: func(ctx context.Context, doc *T, m *M, applied bool) diag.Diagnostics {
			s.setID(m)
			return s.fromClient(ctx, doc, m, applied)
		},
		describe: func(m *M) string { return s.noun + " of source " + sourceID(m) },
		importMiss: func(m *M) importMiss {
			return importMiss{resource: s.typeName, thing: s.noun, id: sourceID(m), child: s.noun}
		},
		// Whatever the source holds is replaced: the configuration defines the whole document.
		createBelow: func(ctx context.Context, c *client.Client, m *M, want *T) (*T, error) {
			got, err := s.put(ctx, c, sourceID(m), want)
			if err == nil {
				tflog.Info(ctx, "Took over a source's setting", map[string]any{"object": s.noun + " of source " + sourceID(m)})
			}
			return got, err
		},
		// A 404 means the source is gone (or, for native change detection, the setting): the next
		// plan creates the resource again.
		read: func(ctx context.Context, c *client.Client, m *M) (*T, error) { return s.get(ctx, c, sourceID(m)) },
		update: func(ctx context.Context, c *client.Client, m *M, prior, want *T) (*T, error) {
			if sameDocument(prior, want) {
				return nil, nil
			}
			return s.put(ctx, c, sourceID(m), want)
		},
		delete: func(ctx context.Context, c *client.Client, m *M) error { return s.release(ctx, c, sourceID(m)) },
		list: &objectList[T]{
			filters: map[string]string{"source_id": "Only the " + s.noun + " of the source of this ID; those of every source when unset. " +
				"A source's " + s.noun + " is listed when it " + s.setMeans + ": a new source's is not."},
			list: func(ctx context.Context, c *client.Client, f map[string]string) iter.Seq2[listed[T], error] {
				return sourceChildren(ctx, c, f, func(ctx context.Context, sourceID string) ([]T, error) {
					doc, err := s.get(ctx, c, sourceID)
					switch {
					case errors.Is(err, client.ErrNotFound): // none set (native change detection), or the source just went
						return nil, nil
					case err != nil:
						return nil, err
					case !s.isSet(doc):
						return nil, nil
					}
					return []T{*doc}, nil
				}, func(src *client.Source, doc *T) listed[T] {
					return listed[T]{key: []string{src.ID}, name: src.Name, obj: doc}
				})
			},
		},
	}
}

// sameDocument says whether two documents encode alike, so that an update that changes nothing
// ISC holds sends nothing.
func sameDocument[T any](a, b *T) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	if errA != nil || errB != nil {
		return reflect.DeepEqual(a, b)
	}
	return string(ja) == string(jb)
}

// settingSourceAttributes are the id and source_id of a source's setting.
func settingSourceAttributes(noun string, attrs map[string]schema.Attribute) map[string]schema.Attribute {
	attrs["id"] = setByISC("The source's ID: ISC gives a source's " + noun + " no ID of its own.")
	attrs["source_id"] = schema.StringAttribute{
		MarkdownDescription: "ID of the source. Changing it replaces the resource: the old source's " + noun + " is released and the new one's taken over.",
		Required:            true,
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
	}
	return attrs
}

// settingImportNote is the paragraph on import shared by the settings' descriptions.
const settingImportNote = "Import with the source's ID; an ID that is not a source fails saying so."
