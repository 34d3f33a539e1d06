package client

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"maps"
	"mime/multipart"
	"net/http"
	"slices"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/apiversion"
)

// Entitlement is an entitlement of a source. ISC makes and removes entitlements only by
// aggregation; a team may change the members below the blank line.
type Entitlement struct {
	ID                     string     `json:"id,omitempty"`
	Name                   string     `json:"name,omitempty"`
	Attribute              string     `json:"attribute,omitempty"`
	Value                  string     `json:"value,omitempty"`
	SourceSchemaObjectType string     `json:"sourceSchemaObjectType,omitempty"`
	Source                 *Reference `json:"source,omitempty"`
	Created                string     `json:"created,omitempty"`
	Modified               string     `json:"modified,omitempty"`

	Description *string    `json:"description"`
	Owner       *Reference `json:"owner"`
	Requestable bool       `json:"requestable"`
	// Privileged is the v2025 flag, PrivilegeLevel the per-resource API's levels: each API
	// version has one and not the other (trap 46), and the client reads the other as nil.
	Privileged     *bool           `json:"privileged,omitempty"`
	PrivilegeLevel *PrivilegeLevel `json:"privilegeLevel,omitempty"`
	Segments       []string        `json:"segments"`
	// Tags are the per-resource API's; v2025 has none.
	Tags []string `json:"tags,omitempty"`
	// ManuallyUpdatedFields says which of DISPLAY_NAME and DESCRIPTION a person set: aggregations
	// keep those.
	ManuallyUpdatedFields map[string]bool `json:"manuallyUpdatedFields,omitempty"`
}

// PrivilegeLevel is how privileged access to an entitlement is in the per-resource API (v1):
// Direct is the level set on the entitlement itself (a PATCH of /privilegeOverride/level sets it,
// with SetByType OVERRIDE), Inherited one it gets from elsewhere, and Effective the one that
// applies.
type PrivilegeLevel struct {
	Direct    string  `json:"direct,omitempty"`
	SetBy     string  `json:"setBy,omitempty"`
	SetByType *string `json:"setByType,omitempty"`
	Inherited *string `json:"inherited,omitempty"`
	Effective string  `json:"effective,omitempty"`
}

// PrivilegeLevels are the levels of PrivilegeLevel, highest first.
var PrivilegeLevels = []string{"HIGH", "MEDIUM", "LOW", "NONE"}

// EntitlementRequestConfig is how an entitlement is requested and revoked; ISC serves it apart
// from the entitlement and replaces it whole.
type EntitlementRequestConfig struct {
	AccessRequestConfig     *EntitlementAccessRequestConfig `json:"accessRequestConfig,omitempty"`
	RevocationRequestConfig *Revocability                   `json:"revocationRequestConfig,omitempty"`
}

const entitlementsPath = "/entitlements"

var entitlements = object[Entitlement]{path: entitlementsPath}

// GetEntitlement reads an entitlement; errors.Is(err, ErrNotFound) when it does not exist.
// Within a run it is served from the first page of the list when that holds it.
func (c *Client) GetEntitlement(ctx context.Context, id string) (*Entitlement, error) {
	e, err := entitlements.get(ctx, c, id)
	if err != nil {
		return nil, err
	}
	c.entitlementInVersion(e)
	return e, nil
}

// APIVersion is the API version the client speaks: what it can read and change depends on it
// where the versions' contracts differ (entitlements, trap 46).
func (c *Client) APIVersion() apiversion.Version { return c.cfg.APIVersion }

// entitlementInVersion keeps of e the privilege of the client's API version: in v2025 a
// privileged ISC leaves out is its default, false; in v1 there is none.
func (c *Client) entitlementInVersion(e *Entitlement) {
	if c.cfg.APIVersion == apiversion.V2025 {
		e.PrivilegeLevel, e.Tags = nil, nil
		if e.Privileged == nil {
			e.Privileged = new(bool)
		}
		return
	}
	e.Privileged = nil
}

// FindEntitlement returns the entitlement of the source whose value is value (matched exactly);
// nil and no error when the source has none.
func (c *Client) FindEntitlement(ctx context.Context, sourceID, value string) (*Entitlement, error) {
	found, _, err := c.ListEntitlements(ctx, ListOptions{Filters: FilterEq("source.id", sourceID) + " and " + FilterEq("value", value)})
	if err != nil {
		return nil, err
	}
	for i := range found {
		if found[i].Value == value && found[i].Source != nil && found[i].Source.ID == sourceID {
			return &found[i], nil
		}
	}
	return nil, nil
}

// entitlementPatchable is what a patch of an entitlement may change and the provider manages.
type entitlementPatchable struct {
	Description *string    `json:"description"`
	Owner       *Reference `json:"owner"`
	Requestable bool       `json:"requestable"`
}

// privilegeOp is the operation that brings an entitlement's privilege from from to to in the
// client's API version: /privileged in v2025, /privilegeOverride/level (the direct level) in v1;
// nil when to asks for no change. Asking for the other version's privilege is an error, since ISC
// would refuse its path.
func (c *Client) privilegeOp(from, to *Entitlement) (*PatchOperation, error) {
	var path string
	var value any
	if c.cfg.APIVersion == apiversion.V2025 {
		if to.PrivilegeLevel != nil && to.PrivilegeLevel.Direct != "" && (from.PrivilegeLevel == nil || *to.PrivilegeLevel != *from.PrivilegeLevel) {
			return nil, fmt.Errorf("ISC's v2025 API has no privilege levels: set privileged, or use api_version = %q", apiversion.V1)
		}
		if to.Privileged == nil || (from.Privileged != nil && *from.Privileged == *to.Privileged) {
			return nil, nil
		}
		path, value = "/privileged", *to.Privileged
	} else {
		if to.Privileged != nil && (from.Privileged == nil || *from.Privileged != *to.Privileged) {
			return nil, fmt.Errorf("ISC's %s API has no privileged flag: set the privilege level instead, or use api_version = %q", c.cfg.APIVersion, apiversion.V2025)
		}
		if to.PrivilegeLevel == nil || to.PrivilegeLevel.Direct == "" || (from.PrivilegeLevel != nil && from.PrivilegeLevel.Direct == to.PrivilegeLevel.Direct) {
			return nil, nil
		}
		path, value = "/privilegeOverride/level", to.PrivilegeLevel.Direct
	}
	raw, err := json.Marshal(value)
	if err != nil {
		return nil, err
	}
	return &PatchOperation{Op: "replace", Path: path, Value: raw}, nil
}

// PatchEntitlement changes an entitlement from what from holds to what to holds with one JSON
// Patch of the fields that differ; nil and no request when none does. The privilege is the API
// version's (see privilegeOp); ISC's v1 level is set as an override of the direct level, since it
// has no path to its privilegeLevel object. Segments are a set, replaced whole. A new description is marked manually updated, so that the next aggregation keeps it; ISC
// wants every manually updatable field in that map, so DISPLAY_NAME is sent as ISC holds it.
func (c *Client) PatchEntitlement(ctx context.Context, id string, from, to *Entitlement) (*Entitlement, error) {
	part := func(e *Entitlement) entitlementPatchable {
		p := entitlementPatchable{Description: e.Description, Owner: e.Owner, Requestable: e.Requestable}
		dropRefNames(&p.Owner)
		return p
	}
	p, err := DiffDocuments(part(from), part(to))
	if err == nil {
		var op *PatchOperation
		if op, err = c.privilegeOp(from, to); op != nil {
			p = append(p, *op)
		}
	}
	if err == nil {
		p, err = p.replaceSet("/segments", from.Segments, to.Segments)
	}
	if err != nil || len(p) == 0 {
		return nil, err
	}
	if p.touches("/description") {
		current, err := c.GetEntitlement(ctx, id)
		if err != nil {
			return nil, err
		}
		if manual := current.ManuallyUpdatedFields; !manual["DESCRIPTION"] {
			fields, _ := json.Marshal(map[string]bool{"DISPLAY_NAME": manual["DISPLAY_NAME"], "DESCRIPTION": true})
			p = append(p, PatchOperation{Op: "replace", Path: "/manuallyUpdatedFields", Value: fields})
		}
	}
	var out Entitlement
	if _, err := c.do(ctx, request{method: http.MethodPatch, path: entitlements.itemPath(id), body: p, contentType: JSONPatchContentType, out: &out}); err != nil {
		return nil, err
	}
	entitlements.remember(c, id, &out)
	c.entitlementInVersion(&out)
	return &out, nil
}

func entitlementRequestConfigPath(id string) string {
	return entitlements.itemPath(id) + "/entitlement-request-config"
}

// GetEntitlementRequestConfig reads how an entitlement is requested and revoked.
func (c *Client) GetEntitlementRequestConfig(ctx context.Context, id string) (*EntitlementRequestConfig, error) {
	var out EntitlementRequestConfig
	if _, err := c.do(ctx, request{method: http.MethodGet, path: entitlementRequestConfigPath(id), out: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// PutEntitlementRequestConfig replaces an entitlement's request config with cfg. ISC replaces the
// whole document, so what cfg does not model (the maximum access duration, and v1's custom form)
// is read first and sent back as ISC holds it.
func (c *Client) PutEntitlementRequestConfig(ctx context.Context, id string, cfg *EntitlementRequestConfig) (*EntitlementRequestConfig, error) {
	current, err := c.GetEntitlementRequestConfig(ctx, id)
	if err != nil {
		return nil, err
	}
	body := *cfg
	if a, was := cfg.AccessRequestConfig, current.AccessRequestConfig; a != nil && was != nil {
		kept := *a
		kept.MaxPermittedAccessDuration = cmp.Or(a.MaxPermittedAccessDuration, was.MaxPermittedAccessDuration)
		kept.FormDefinitionID = cmp.Or(a.FormDefinitionID, was.FormDefinitionID)
		body.AccessRequestConfig = &kept
	}
	var out EntitlementRequestConfig
	if _, err := c.do(ctx, request{method: http.MethodPut, path: entitlementRequestConfigPath(id), body: &body, out: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListEntitlements reads every entitlement matching opts (filters on id, name, type, attribute,
// value, source.id, requestable, created, modified and owner.id), page by page.
func (c *Client) ListEntitlements(ctx context.Context, opts ListOptions) ([]Entitlement, int, error) {
	out, total, err := listAll[Entitlement](ctx, c, entitlementsPath, opts)
	for i := range out {
		c.entitlementInVersion(&out[i])
	}
	return out, total, err
}

// EntitlementPages reads the entitlements matching opts a page at a time.
func (c *Client) EntitlementPages(ctx context.Context, opts ListOptions) iter.Seq2[[]Entitlement, error] {
	return func(yield func([]Entitlement, error) bool) {
		for page, err := range entitlements.pages(ctx, c, opts) {
			for i := range page {
				c.entitlementInVersion(&page[i])
			}
			if !yield(page, err) {
				return
			}
		}
	}
}

// LoadEntitlements starts an entitlement aggregation of a source and returns its task: from a
// CSV file for a delimited-file source, or, with csv nil, from the source's connector. For the
// latter ISC wants no body and no Content-Type (trap 49).
func (c *Client) LoadEntitlements(ctx context.Context, sourceID string, csv []byte) (*TaskRef, error) {
	r := request{method: http.MethodPost, path: sourcePath(sourceID) + "/load-entitlements"}
	if csv != nil {
		var err error
		if r.body, r.contentType, err = multipartBody(csv, "entitlements.csv", nil); err != nil {
			return nil, err
		}
	}
	var out TaskRef
	r.out = &out
	if _, err := c.do(ctx, r); err != nil {
		return nil, err
	}
	return &out, nil
}

// multipartBody is a multipart/form-data body of the fields and, when csv is not nil, a CSV file
// in the field "file", as ISC's load endpoints take them.
func multipartBody(csv []byte, fileName string, fields map[string]string) (json.RawMessage, string, error) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for _, k := range slices.Sorted(maps.Keys(fields)) {
		if err := w.WriteField(k, fields[k]); err != nil {
			return nil, "", err
		}
	}
	if csv != nil {
		f, err := w.CreateFormFile("file", fileName)
		if err != nil {
			return nil, "", err
		}
		if _, err := f.Write(csv); err != nil {
			return nil, "", err
		}
	}
	if err := w.Close(); err != nil {
		return nil, "", err
	}
	return json.RawMessage(b.Bytes()), w.FormDataContentType(), nil
}
