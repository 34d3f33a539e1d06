package client

import (
	"bytes"
	"context"
	"encoding/json"
	"iter"
	"maps"
	"mime/multipart"
	"net/http"
	"slices"
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
	Privileged  bool       `json:"privileged"`
	Segments    []string   `json:"segments"`
	// ManuallyUpdatedFields says which of DISPLAY_NAME and DESCRIPTION a person set: aggregations
	// keep those.
	ManuallyUpdatedFields map[string]bool `json:"manuallyUpdatedFields,omitempty"`
}

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
	return entitlements.get(ctx, c, id)
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
	Privileged  bool       `json:"privileged"`
}

// PatchEntitlement changes an entitlement from what from holds to what to holds with one JSON
// Patch of the fields that differ; nil and no request when none does. Segments are a set, replaced
// whole. A new description is marked manually updated, so that the next aggregation keeps it; ISC
// wants every manually updatable field in that map, so DISPLAY_NAME is sent as ISC holds it.
func (c *Client) PatchEntitlement(ctx context.Context, id string, from, to *Entitlement) (*Entitlement, error) {
	part := func(e *Entitlement) entitlementPatchable {
		p := entitlementPatchable{Description: e.Description, Owner: e.Owner, Requestable: e.Requestable, Privileged: e.Privileged}
		dropRefNames(&p.Owner)
		return p
	}
	p, err := DiffDocuments(part(from), part(to))
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
// whole document, so what cfg does not model (the maximum access duration) is read first and
// sent back as ISC holds it.
func (c *Client) PutEntitlementRequestConfig(ctx context.Context, id string, cfg *EntitlementRequestConfig) (*EntitlementRequestConfig, error) {
	current, err := c.GetEntitlementRequestConfig(ctx, id)
	if err != nil {
		return nil, err
	}
	body := *cfg
	if a, was := cfg.AccessRequestConfig, current.AccessRequestConfig; a != nil && was != nil && a.MaxPermittedAccessDuration == nil {
		withDuration := *a
		withDuration.MaxPermittedAccessDuration = was.MaxPermittedAccessDuration
		body.AccessRequestConfig = &withDuration
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
	return listAll[Entitlement](ctx, c, entitlementsPath, opts)
}

// EntitlementPages reads the entitlements matching opts a page at a time.
func (c *Client) EntitlementPages(ctx context.Context, opts ListOptions) iter.Seq2[[]Entitlement, error] {
	return entitlements.pages(ctx, c, opts)
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
