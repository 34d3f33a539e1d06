package client

import (
	"bytes"
	"context"
	"encoding/json"
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
}

const entitlementsPath = "/entitlements"

// ListEntitlements reads every entitlement matching opts (filters on id, name, type, attribute,
// value, source.id, requestable, created, modified and owner.id), page by page.
func (c *Client) ListEntitlements(ctx context.Context, opts ListOptions) ([]Entitlement, int, error) {
	return listAll[Entitlement](ctx, c, entitlementsPath, opts)
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
