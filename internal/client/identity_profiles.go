package client

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strconv"
)

// IdentityProfile is an ISC identity profile: the identities built from the accounts of one
// authoritative source. The fields below the blank line are set by ISC.
type IdentityProfile struct {
	ID                      string                   `json:"id,omitempty"`
	Name                    string                   `json:"name"`
	Description             *string                  `json:"description,omitempty"`
	Owner                   *Reference               `json:"owner,omitempty"`
	Priority                *int64                   `json:"priority,omitempty"`
	AuthoritativeSource     *Reference               `json:"authoritativeSource"`
	IdentityAttributeConfig *IdentityAttributeConfig `json:"identityAttributeConfig,omitempty"`

	IdentityCount                    int32                             `json:"identityCount,omitempty"`
	IdentityRefreshRequired          bool                              `json:"identityRefreshRequired,omitempty"`
	HasTimeBasedAttr                 bool                              `json:"hasTimeBasedAttr,omitempty"`
	IdentityExceptionReportReference *IdentityExceptionReportReference `json:"identityExceptionReportReference,omitempty"`
	Created                          string                            `json:"created,omitempty"`
	Modified                         string                            `json:"modified,omitempty"`
}

// IdentityAttributeConfig says how identity attributes are computed from account data. ISC
// promotes the values only while it is enabled.
type IdentityAttributeConfig struct {
	Enabled             bool                         `json:"enabled"`
	AttributeTransforms []IdentityAttributeTransform `json:"attributeTransforms"`
}

// IdentityAttributeTransform computes one identity attribute.
type IdentityAttributeTransform struct {
	IdentityAttributeName string              `json:"identityAttributeName"`
	TransformDefinition   TransformDefinition `json:"transformDefinition"`
}

// TransformDefinition is a transform type, such as accountAttribute, and its free-form attributes.
type TransformDefinition struct {
	Type       string         `json:"type"`
	Attributes map[string]any `json:"attributes"`
}

// IdentityExceptionReportReference points at the report of an identity refresh's exceptions.
type IdentityExceptionReportReference struct {
	TaskResultID string `json:"taskResultId,omitempty"`
	ReportName   string `json:"reportName,omitempty"`
}

func identityProfilePath(id string) string { return "/identity-profiles/" + url.PathEscape(id) }

// CreateIdentityProfile creates an identity profile. When ISC's answer is lost, a profile of that
// name (names are unique) is adopted rather than created twice.
func (c *Client) CreateIdentityProfile(ctx context.Context, p *IdentityProfile) (*IdentityProfile, error) {
	out, err := createOnce(ctx, c, creation[IdentityProfile]{
		what: "identity profile " + strconv.Quote(p.Name), sent: p,
		create: func(ctx context.Context) (*IdentityProfile, error) {
			var out IdentityProfile
			_, err := c.do(ctx, request{method: http.MethodPost, path: "/identity-profiles", body: p, out: &out})
			return &out, err
		},
		find: func(ctx context.Context) (*IdentityProfile, error) {
			found, _, err := c.ListIdentityProfiles(ctx, ListOptions{Filters: "name eq " + QuoteFilterValue(p.Name), Max: 1})
			if err != nil || len(found) == 0 {
				return nil, err
			}
			return &found[0], nil
		},
		describe: func(p *IdentityProfile) string { return fmt.Sprintf("identity profile %q (id %s)", p.Name, p.ID) },
		importID: func(p *IdentityProfile) string { return p.ID },
		path:     func(p *IdentityProfile) string { return identityProfilePath(p.ID) },
		created:  func(p *IdentityProfile) string { return p.Created },
	})
	if err == nil {
		c.keep(&c.cache.profiles, out.ID, out)
	}
	return out, err
}

// ListIdentityProfiles reads every identity profile matching opts, page by page.
func (c *Client) ListIdentityProfiles(ctx context.Context, opts ListOptions) ([]IdentityProfile, int, error) {
	return listAll[IdentityProfile](ctx, c, "/identity-profiles", opts)
}

// IdentityProfilePages reads the identity profiles matching opts a page at a time.
func (c *Client) IdentityProfilePages(ctx context.Context, opts ListOptions) iter.Seq2[[]IdentityProfile, error] {
	return listPages[IdentityProfile](ctx, c, "/identity-profiles", opts, nil)
}

// GetIdentityProfile reads one identity profile; errors.Is(err, ErrNotFound) when it does not
// exist. Within a run it is served from one list of every profile (see readCache).
func (c *Client) GetIdentityProfile(ctx context.Context, id string) (*IdentityProfile, error) {
	var out IdentityProfile
	err := c.getObject(ctx, &c.cache.profiles, id, &out, func(ctx context.Context) (json.RawMessage, error) {
		var raw json.RawMessage
		_, err := c.do(ctx, request{method: http.MethodGet, path: identityProfilePath(id), out: &raw})
		return raw, err
	})
	return &out, err
}

// AllIdentityProfiles returns every identity profile. Within a run it reads the one list of every
// profile (see readCache), so lookups by name cost one list per run.
func (c *Client) AllIdentityProfiles(ctx context.Context) ([]IdentityProfile, error) {
	return listed(ctx, c, &c.cache.profiles, func(ctx context.Context) ([]IdentityProfile, error) {
		profiles, _, err := c.ListIdentityProfiles(ctx, ListOptions{})
		return profiles, err
	})
}

// IdentityProfilesUsingSource returns the identity profiles whose authoritative source is the
// source of this id (ISC allows one), sorted by id. Within a run it reads the one list of every
// profile (see readCache), so asking about many sources costs one request.
func (c *Client) IdentityProfilesUsingSource(ctx context.Context, sourceID string) ([]IdentityProfile, error) {
	all, err := c.AllIdentityProfiles(ctx)
	if err != nil {
		return nil, err
	}
	var out []IdentityProfile
	for _, p := range all {
		if p.AuthoritativeSource != nil && p.AuthoritativeSource.ID == sourceID {
			out = append(out, p)
		}
	}
	return out, nil
}

// PatchIdentityProfile applies one JSON Patch to an identity profile. ISC has no PUT for them.
func (c *Client) PatchIdentityProfile(ctx context.Context, id string, p Patch) (*IdentityProfile, error) {
	var out IdentityProfile
	_, err := c.do(ctx, request{method: http.MethodPatch, path: identityProfilePath(id), body: p, contentType: JSONPatchContentType, out: &out})
	if err == nil {
		c.keep(&c.cache.profiles, id, &out)
	}
	return &out, err
}

// UpdateIdentityProfile sends the patches of IdentityProfilePatches one after the other and
// returns the profile as the last successful one left it: on an error, the profile after the
// patches that went through (nil when none did), so the caller can record what changed.
func (c *Client) UpdateIdentityProfile(ctx context.Context, id string, patches []Patch) (*IdentityProfile, error) {
	var last *IdentityProfile
	for _, p := range patches {
		out, err := c.PatchIdentityProfile(ctx, id, p)
		if err != nil {
			return last, err
		}
		last = out
	}
	return last, nil
}

// identityProfileServerFields are the members of an identity profile that ISC owns or refuses
// to patch.
var identityProfileServerFields = []string{
	"id", "created", "modified", "identityCount", "identityRefreshRequired", "hasTimeBasedAttr", "identityExceptionReportReference",
}

// IdentityProfilePatches returns the JSON Patches that turn profile from into profile to, in the
// order they must be sent, touching only the members a client may change; none when nothing
// changed. Reference names are ISC's to fill in, so a changed reference is patched by its id.
//
// ISC refuses one patch that changes both the authoritative source and the identity attribute
// configuration. When both change, the authoritative source goes first, in a patch of its own,
// since the new transforms usually read from the new source; everything else follows in a
// second patch.
//
// Attribute transforms are matched by identity attribute name: those of to keep from's order
// (which must be ISC's, see IdentityProfileChanges), and new ones go at the end.
func IdentityProfilePatches(from, to *IdentityProfile) ([]Patch, error) {
	from, to = from.withoutRefNames(), to.withoutRefNames()
	if from.IdentityAttributeConfig != nil && to.IdentityAttributeConfig != nil {
		config := *to.IdentityAttributeConfig
		config.AttributeTransforms = orderLike(from.IdentityAttributeConfig.AttributeTransforms, config.AttributeTransforms, transformName)
		to.IdentityAttributeConfig = &config
	}
	whole, err := DiffDocuments(from, to, identityProfileServerFields...)
	if err != nil {
		return nil, err
	}
	if !whole.touches("/authoritativeSource") || !whole.touches("/identityAttributeConfig") {
		if len(whole) == 0 {
			return nil, nil
		}
		return []Patch{whole}, nil
	}
	step := *from
	step.AuthoritativeSource = to.AuthoritativeSource
	first, err := DiffDocuments(from, &step, identityProfileServerFields...)
	if err != nil {
		return nil, err
	}
	second, err := DiffDocuments(&step, to, identityProfileServerFields...)
	if err != nil {
		return nil, err
	}
	return []Patch{first, second}, nil
}

func transformName(t *IdentityAttributeTransform) string { return t.IdentityAttributeName }

// attributeTransformsPath is where a profile's attribute transforms are in its JSON.
const attributeTransformsPath = "/identityAttributeConfig/attributeTransforms"

// IdentityProfileChanges returns the patches of IdentityProfilePatches that turn the profile, as
// from describes it, into to. from's attribute transforms may be in any order: when they change,
// the profile is read (from the run's list of profiles), so that the patches' indexes follow
// ISC's order.
func (c *Client) IdentityProfileChanges(ctx context.Context, from, to *IdentityProfile) ([]Patch, error) {
	patches, err := IdentityProfilePatches(from, to)
	if err != nil || !slices.ContainsFunc(patches, func(p Patch) bool { return p.touches(attributeTransformsPath) }) {
		return patches, err
	}
	current, err := c.GetIdentityProfile(ctx, from.ID)
	if err != nil {
		return nil, err
	}
	inOrder := *from
	if from.IdentityAttributeConfig != nil && current.IdentityAttributeConfig != nil {
		config := *from.IdentityAttributeConfig
		config.AttributeTransforms = orderLike(current.IdentityAttributeConfig.AttributeTransforms, config.AttributeTransforms, transformName)
		inOrder.IdentityAttributeConfig = &config
	}
	return IdentityProfilePatches(&inOrder, to)
}

func (p *IdentityProfile) withoutRefNames() *IdentityProfile {
	c := *p
	dropRefNames(&c.Owner, &c.AuthoritativeSource)
	return &c
}

// DeleteIdentityProfile asks ISC to delete an identity profile. ISC deletes it in a background
// task whose reference is returned; WaitForIdentityProfileDeleted waits for it.
func (c *Client) DeleteIdentityProfile(ctx context.Context, id string) (*TaskRef, error) {
	return c.startDelete(ctx, identityProfilePath(id))
}

// WaitForIdentityProfileDeleted waits until ISC no longer has the profile, failing if its
// delete task fails. ISC does not promise that the task can be read through task-status; the
// profile's absence is what counts. Concurrent waits share their checks (see waitGone).
func (c *Client) WaitForIdentityProfileDeleted(ctx context.Context, id, taskID string) error {
	return c.waitGone(ctx, goneList{path: c.cache.profiles.path, byID: true}, id, taskID, "identity profile "+id, identityProfilePath(id))
}

// IdentityPreview is what ISC would compute for one identity under an attribute configuration,
// without storing anything.
type IdentityPreview struct {
	Identity          Reference                  `json:"identity"`
	PreviewAttributes []IdentityAttributePreview `json:"previewAttributes"`
}

// IdentityAttributePreview is one previewed attribute: the computed value beside the stored one,
// or the errors that kept ISC from computing it.
type IdentityAttributePreview struct {
	Name          string  `json:"name"`
	Value         *string `json:"value"`
	PreviousValue *string `json:"previousValue"`
	ErrorMessages []struct {
		Text string `json:"text"`
	} `json:"errorMessages"`
}

// PreviewIdentity asks ISC what an attribute configuration computes for one identity. It changes
// nothing in ISC.
func (c *Client) PreviewIdentity(ctx context.Context, identityID string, config *IdentityAttributeConfig) (*IdentityPreview, error) {
	var out IdentityPreview
	body := struct {
		IdentityID              string                   `json:"identityId"`
		IdentityAttributeConfig *IdentityAttributeConfig `json:"identityAttributeConfig"`
	}{identityID, config}
	_, err := c.do(ctx, request{method: http.MethodPost, path: "/identity-profiles/identity-preview", body: body, out: &out, readOnly: true})
	return &out, err
}
