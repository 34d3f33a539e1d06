package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
)

// Schema is a schema of a source: the shape of its accounts (the `account` schema ISC creates
// with every source) or of other native objects such as groups. ISC sets id, created and modified.
type Schema struct {
	ID                 string                `json:"id,omitempty"`
	Name               string                `json:"name"`
	NativeObjectType   string                `json:"nativeObjectType,omitempty"`
	IdentityAttribute  string                `json:"identityAttribute,omitempty"`
	DisplayAttribute   string                `json:"displayAttribute,omitempty"`
	HierarchyAttribute string                `json:"hierarchyAttribute,omitempty"`
	IncludePermissions bool                  `json:"includePermissions"`
	Features           []string              `json:"features"`
	Configuration      map[string]any        `json:"configuration"`
	Attributes         []AttributeDefinition `json:"attributes"`
	Created            string                `json:"created,omitempty"`
	Modified           string                `json:"modified,omitempty"`
}

// AttributeDefinition is one attribute of a schema. ISC's name for multi-valued is isMulti.
type AttributeDefinition struct {
	Name string `json:"name"`
	Type string `json:"type"`
	// Schema points an entitlement attribute at the schema of the objects its values name.
	Schema        *Reference `json:"schema,omitempty"`
	Description   string     `json:"description,omitempty"`
	IsMulti       bool       `json:"isMulti"`
	IsEntitlement bool       `json:"isEntitlement"`
	IsGroup       bool       `json:"isGroup"`
}

// RefConnectorSchema is the reference type of an attribute's schema.
const RefConnectorSchema = "CONNECTOR_SCHEMA"

// AttributeTypes are the values of ISC's AttributeDefinitionType.
var AttributeTypes = []string{"STRING", "LONG", "INT", "BOOLEAN", "DATE"}

func schemasPath(sourceID string) string { return sourcePath(sourceID) + "/schemas" }

func schemaPath(sourceID, id string) string { return schemasPath(sourceID) + "/" + url.PathEscape(id) }

// FindSchema returns the schema of a source with exactly this name, or nil when it has none.
// errors.Is(err, ErrNotFound) when the source does not exist. It is served from the source's
// schema list, read once per run.
func (c *Client) FindSchema(ctx context.Context, sourceID, name string) (*Schema, error) {
	return findChild(ctx, c, schemasPath(sourceID), func(s *Schema) bool { return s.Name == name })
}

// Schemas returns every schema of a source, from the source's schema list read once per run.
func (c *Client) Schemas(ctx context.Context, sourceID string) ([]Schema, error) {
	return children[Schema](ctx, c, schemasPath(sourceID))
}

// SchemaIDByName returns the id of the source's schema of this name, "" when it has none. The
// source's schema references answer without a request when the run has seen the source; else
// the source's schema list does.
func (c *Client) SchemaIDByName(ctx context.Context, sourceID, name string) (string, error) {
	if ref, known := c.SourceSchemaRef(sourceID, name); known {
		if ref == nil {
			return "", nil
		}
		return ref.ID, nil
	}
	s, err := c.FindSchema(ctx, sourceID, name)
	if err != nil || s == nil {
		return "", err
	}
	return s.ID, nil
}

// CreateSchema adds a schema to a source.
func (c *Client) CreateSchema(ctx context.Context, sourceID string, s *Schema) (*Schema, error) {
	body := s.withDefaults()
	return createOnce(ctx, c, creation[Schema]{
		what: "schema " + strconv.Quote(s.Name) + " of source " + sourceID, sent: body,
		create: func(ctx context.Context) (*Schema, error) {
			var out Schema
			_, err := c.do(ctx, request{method: http.MethodPost, path: schemasPath(sourceID), body: body, out: &out})
			return &out, err
		},
		find:     func(ctx context.Context) (*Schema, error) { return c.FindSchema(ctx, sourceID, s.Name) },
		describe: func(s *Schema) string { return fmt.Sprintf("schema %q (id %s) of source %s", s.Name, s.ID, sourceID) },
		importID: func(s *Schema) string { return sourceID + "/" + s.ID },
		path:     func(s *Schema) string { return schemaPath(sourceID, s.ID) },
		created:  func(s *Schema) string { return s.Created },
	})
}

// GetSchema reads one schema; errors.Is(err, ErrNotFound) when it or its source does not exist.
// It is served from the source's schema list, read once per run.
func (c *Client) GetSchema(ctx context.Context, sourceID, id string) (*Schema, error) {
	return getChild(ctx, c, schemasPath(sourceID), schemaPath(sourceID, id), "schema "+id,
		func(s *Schema) bool { return s.ID == id })
}

// PutSchema replaces a schema whole with s, whose ID names it: ISC wants the id in the body too.
func (c *Client) PutSchema(ctx context.Context, sourceID string, s *Schema) (*Schema, error) {
	var out Schema
	_, err := c.do(ctx, request{method: http.MethodPut, path: schemaPath(sourceID, s.ID), body: s.withDefaults(), out: &out})
	return &out, err
}

// PatchSchema applies a JSON Patch to a schema.
func (c *Client) PatchSchema(ctx context.Context, sourceID, id string, p Patch) (*Schema, error) {
	var out Schema
	_, err := c.do(ctx, request{method: http.MethodPatch, path: schemaPath(sourceID, id), body: p, contentType: JSONPatchContentType, out: &out})
	return &out, err
}

// DeleteSchema removes a schema from a source.
func (c *Client) DeleteSchema(ctx context.Context, sourceID, id string) error {
	_, err := c.do(ctx, request{method: http.MethodDelete, path: schemaPath(sourceID, id)})
	return err
}

// schemaServerFields are the members of a schema ISC owns or refuses to patch. Features are
// patched apart, see SchemaPatch.
var schemaServerFields = []string{"id", "name", "created", "modified", "features"}

// SchemaPatch returns the JSON Patch that turns schema from into schema to, touching only the
// members a client may change. Attributes are matched by name: those of to keep from's order
// (which must be ISC's, see SchemaChanges), and new ones go at the end, so an added, removed or
// changed attribute is one operation and the others are never rewritten. Features are a set
// whose order ISC does not keep, so indexes into it would be guesses: when the set changes it is
// replaced whole.
func SchemaPatch(from, to *Schema) (Patch, error) {
	ordered := *to.patchDocument()
	ordered.Attributes = orderLike(from.Attributes, ordered.Attributes, attributeName)
	p, err := DiffDocuments(from.patchDocument(), &ordered, schemaServerFields...)
	if err != nil {
		return nil, err
	}
	return p.replaceSet("/features", from.Features, to.withDefaults().Features)
}

func attributeName(a *AttributeDefinition) string { return a.Name }

// SchemaChanges returns the JSON Patch that turns the schema of a source, as from describes it,
// into to; empty when nothing differs. from's attributes may be in any order: when the attributes
// change, the schema is read (from the run's list of the source's schemas), so that the patch's
// indexes follow ISC's order.
func (c *Client) SchemaChanges(ctx context.Context, sourceID string, from, to *Schema) (Patch, error) {
	p, err := SchemaPatch(from, to)
	if err != nil || !p.touches("/attributes") {
		return p, err
	}
	current, err := c.GetSchema(ctx, sourceID, from.ID)
	if err != nil {
		return nil, err
	}
	inOrder := *from
	inOrder.Attributes = orderLike(current.Attributes, from.Attributes, attributeName)
	return SchemaPatch(&inOrder, to)
}

// SchemaFields names the members of a Schema that a caller defines, for TakeOverSchema. Its
// IncludePermissions and HierarchyAttribute are always defined: false and none when unset.
type SchemaFields struct {
	NativeObjectType, IdentityAttribute, DisplayAttribute, Features, Configuration, Attributes bool
}

// everySchemaField defines every member a takeover may set: the schema is replaced whole.
var everySchemaField = SchemaFields{true, true, true, true, true, true}

// members are the JSON members of a schema that f defines, in a stable order.
func (f SchemaFields) members() []string {
	members := []string{"includePermissions"}
	for _, m := range []struct {
		defined bool
		name    string
	}{
		{f.NativeObjectType, "nativeObjectType"}, {f.IdentityAttribute, "identityAttribute"},
		{f.DisplayAttribute, "displayAttribute"}, {f.Features, "features"},
		{f.Configuration, "configuration"}, {f.Attributes, "attributes"},
	} {
		if m.defined {
			members = append(members, m.name)
		}
	}
	return members
}

// TakeOverSchema brings the existing schema id of a source to s, in one request and without
// reading it first: a PUT when defined covers every member, else a patch of the defined members
// only, so that the others keep ISC's values. When s has no hierarchy attribute and ISC's answer
// shows one, a second patch removes it: a patch value may not be null, and a remove needs the
// member to exist.
func (c *Client) TakeOverSchema(ctx context.Context, sourceID, id string, s *Schema, defined SchemaFields) (*Schema, error) {
	want := *s
	want.ID = id
	if defined == everySchemaField {
		return c.PutSchema(ctx, sourceID, &want)
	}
	members := defined.members()
	if want.HierarchyAttribute != "" {
		members = append(members, "hierarchyAttribute")
	}
	patch, err := schemaOverlay(&want, members...)
	if err != nil {
		return nil, err
	}
	got, err := c.PatchSchema(ctx, sourceID, id, patch)
	if err != nil || want.HierarchyAttribute != "" || got.HierarchyAttribute == "" {
		return got, err
	}
	return c.PatchSchema(ctx, sourceID, id, Patch{{Op: "remove", Path: "/hierarchyAttribute"}})
}

// schemaOverlay returns the JSON Patch that sets the named members of a schema (as ISC's JSON
// names them, such as identityAttribute) to their values in s, whatever the schema holds. Each
// operation is an add, which replaces a member that exists (RFC 6902). A member s leaves out is
// an error: ISC's patch values may not be null, and removing needs the member to exist.
func schemaOverlay(s *Schema, members ...string) (Patch, error) {
	doc, err := json.Marshal(s.withDefaults())
	if err != nil {
		return nil, err
	}
	var values map[string]json.RawMessage
	if err := json.Unmarshal(doc, &values); err != nil {
		return nil, err
	}
	p := make(Patch, 0, len(members))
	for _, m := range members {
		v, ok := values[m]
		if !ok {
			return nil, fmt.Errorf("the schema has no value for %q to set", m)
		}
		p = append(p, PatchOperation{Op: "add", Path: "/" + m, Value: v})
	}
	return p, nil
}

// withDefaults returns a copy of s where absent lists and objects are empty, as ISC stores them.
func (s *Schema) withDefaults() *Schema {
	c := *s
	if c.Features == nil {
		c.Features = []string{}
	}
	if c.Configuration == nil {
		c.Configuration = map[string]any{}
	}
	if c.Attributes == nil {
		c.Attributes = []AttributeDefinition{}
	}
	return &c
}

// patchDocument is s as patches compare it: with defaults, and without the names of attribute
// schema references, which ISC fills in from the id.
func (s *Schema) patchDocument() *Schema {
	c := s.withDefaults()
	c.Attributes = slices.Clone(c.Attributes)
	for i, a := range c.Attributes {
		if a.Schema != nil {
			ref := *a.Schema
			ref.Name = ""
			c.Attributes[i].Schema = &ref
		}
	}
	return c
}
