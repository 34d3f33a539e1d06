package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// This file decides what configuration Terraform generates for an imported object (plan
// -generate-config-out). Terraform >= 1.14 asks a provider that announces the call
// (GenerateResourceConfig) and builds it from the state itself otherwise; either way it writes
// every argument of the value but the null computed ones, so an Optional argument that is not
// computed is written even when null ("description = null"). So:
//   - the provider's answer leaves out what a user would otherwise delete by hand: values ISC
//     fills in by itself (iscFilledAttributes) and values equal to the attribute's default, which
//     an unset argument plans anyway;
//   - Optional arguments whose unset value is null are Optional+Computed with a null default
//     (planmodify.NullString and the like): unset still means null, and a null one is left out.
//     A write-only argument cannot be computed, so Terraform always writes
//     connector_attributes_wo = null, which is where an imported source's secrets go.
// terraform-plugin-framework v1.19 implements the call but does not announce it among the
// server's capabilities: NewServer does. Terraform < 1.14 never calls it, and writes every
// argument, null or not, with the state's value.

// NewServer returns the factory of the provider's protocol 6 server: the framework's, answering
// GenerateResourceConfig as above.
func NewServer(version string) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		srv, err := providerserver.NewProtocol6WithError(New(version)())()
		if err != nil {
			return nil, err
		}
		full, ok := srv.(protocolServer)
		if !ok {
			return nil, fmt.Errorf("the framework's protocol server %T lacks list resource, action or state store calls", srv)
		}
		return &server{protocolServer: full}, nil
	}
}

// protocolServer is every call terraform-plugin-go serves, so that wrapping the framework's
// server hides none of them (list resources, actions and state stores are optional interfaces).
type protocolServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ListResourceServer
	tfprotov6.ActionServer
	tfprotov6.StateStoreServer
}

type server struct {
	protocolServer
}

func (s *server) GetMetadata(ctx context.Context, req *tfprotov6.GetMetadataRequest) (*tfprotov6.GetMetadataResponse, error) {
	resp, err := s.protocolServer.GetMetadata(ctx, req)
	if resp != nil {
		resp.ServerCapabilities = withGenerateResourceConfig(resp.ServerCapabilities)
	}
	return resp, err
}

func (s *server) GetProviderSchema(ctx context.Context, req *tfprotov6.GetProviderSchemaRequest) (*tfprotov6.GetProviderSchemaResponse, error) {
	resp, err := s.protocolServer.GetProviderSchema(ctx, req)
	if resp != nil {
		resp.ServerCapabilities = withGenerateResourceConfig(resp.ServerCapabilities)
	}
	return resp, err
}

func withGenerateResourceConfig(c *tfprotov6.ServerCapabilities) *tfprotov6.ServerCapabilities {
	if c == nil {
		c = &tfprotov6.ServerCapabilities{}
	}
	c.GenerateResourceConfig = true
	return c
}

// GenerateResourceConfig takes the framework's answer, which leaves out computed-only
// attributes and empty optional strings, and leaves out what generatedConfig says besides.
func (s *server) GenerateResourceConfig(ctx context.Context, req *tfprotov6.GenerateResourceConfigRequest) (*tfprotov6.GenerateResourceConfigResponse, error) {
	resp, err := s.protocolServer.GenerateResourceConfig(ctx, req)
	if err != nil || resp == nil || resp.Config == nil {
		return resp, err
	}
	typ, ok := objectType(req.TypeName)
	if !ok {
		return resp, nil
	}
	r := typ.resource()
	var sr resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sr)
	tfType := sr.Schema.Type().TerraformType(ctx)
	cfg, err := resp.Config.Unmarshal(tfType)
	if err == nil {
		cfg, err = generatedConfig(ctx, r, sr.Schema, cfg)
	}
	var out tfprotov6.DynamicValue
	if err == nil {
		out, err = tfprotov6.NewDynamicValue(tfType, cfg)
	}
	if err != nil {
		resp.Diagnostics = append(resp.Diagnostics, &tfprotov6.Diagnostic{
			Severity: tfprotov6.DiagnosticSeverityError,
			Summary:  "Error generating configuration",
			Detail:   fmt.Sprintf("Generating the configuration of a %s failed: %s. This is a bug in the provider.", req.TypeName, err),
		})
		return resp, nil
	}
	resp.Config = &out
	return resp, nil
}

// objectType is the registered type named typeName.
func objectType(typeName string) (ObjectType, bool) {
	for _, t := range objectTypes {
		if t.Name == typeName {
			return t, true
		}
	}
	return ObjectType{}, false
}

// generatedConfig sets to null, in cfg (an object's state with the computed-only attributes
// already null), the attributes ISC fills in and those equal to their default.
func generatedConfig(ctx context.Context, r resource.Resource, s schema.Schema, cfg tftypes.Value) (tftypes.Value, error) {
	filled := iscFilledAttributes(r, s)
	return tftypes.Transform(cfg, func(tp *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsNull() || len(tp.Steps()) == 0 {
			return v, nil
		}
		// Nothing to decide for a block, or inside a JSON value or a set.
		a, isAttribute := attributeAt(ctx, s, tp)
		p, ok := frameworkPath(tp)
		if !isAttribute || !ok {
			return v, nil
		}
		isDefault, err := equalsDefault(ctx, a, p, v)
		if err != nil {
			return v, err
		}
		if isDefault || filled.Matches(p) {
			return tftypes.NewValue(v.Type(), nil), nil
		}
		return v, nil
	})
}

// attributeAt is the schema attribute at tp, if tp is one's path.
func attributeAt(ctx context.Context, s schema.Schema, tp *tftypes.AttributePath) (any, bool) {
	a, err := s.AttributeAtTerraformPath(ctx, tp)
	return a, err == nil
}

// resourceWithISCFilled is a resource with Optional+Computed attributes whose values ISC fills
// in by itself, from other arguments or from the connector, rather than keeping a user's choice.
// They stay configurable, and unset they keep ISC's value.
type resourceWithISCFilled interface {
	iscFilled() path.Expressions
}

// iscFilledAttributes are the attributes of a resource whose values ISC fills in: those the
// resource names, and the name of every reference (an object of an id and a name).
func iscFilledAttributes(r resource.Resource, s schema.Schema) path.Expressions {
	var out path.Expressions
	if f, ok := r.(resourceWithISCFilled); ok {
		out = append(out, f.iscFilled()...)
	}
	for name, a := range s.Attributes {
		if isReference(a) {
			out = append(out, path.MatchRoot(name).AtName("name"))
		}
	}
	return out
}

// isReference says whether a is an object reference such as owner: {id, name}.
func isReference(a schema.Attribute) bool {
	n, ok := a.(schema.SingleNestedAttribute)
	if !ok || len(n.Attributes) != 2 {
		return false
	}
	_, id := n.Attributes["id"]
	_, name := n.Attributes["name"]
	return id && name
}

// ISCFilled returns the attributes of the type whose values ISC fills in by itself, which
// generated configuration leaves out (Terraform >= 1.14).
func (t ObjectType) ISCFilled() path.Expressions {
	r := t.resource()
	var sr resource.SchemaResponse
	r.Schema(context.Background(), resource.SchemaRequest{}, &sr)
	return iscFilledAttributes(r, sr.Schema)
}

// frameworkPath converts a path of attribute names, list indexes and map keys; a path into a set
// has no simple counterpart and is not converted.
func frameworkPath(tp *tftypes.AttributePath) (path.Path, bool) {
	var p path.Path
	for i, step := range tp.Steps() {
		switch s := step.(type) {
		case tftypes.AttributeName:
			if i == 0 {
				p = path.Root(string(s))
			} else {
				p = p.AtName(string(s))
			}
		case tftypes.ElementKeyInt:
			p = p.AtListIndex(int(s))
		case tftypes.ElementKeyString:
			p = p.AtMapKey(string(s))
		default:
			return path.Empty(), false
		}
	}
	return p, true
}

// equalsDefault says whether v is the value a's default plans when the argument is unset.
func equalsDefault(ctx context.Context, a any, p path.Path, v tftypes.Value) (bool, error) {
	var planned attr.Value
	switch a := a.(type) {
	case interface{ BoolDefaultValue() defaults.Bool }:
		if d := a.BoolDefaultValue(); d != nil {
			var resp defaults.BoolResponse
			d.DefaultBool(ctx, defaults.BoolRequest{Path: p}, &resp)
			planned = resp.PlanValue
		}
	case interface{ StringDefaultValue() defaults.String }:
		if d := a.StringDefaultValue(); d != nil {
			var resp defaults.StringResponse
			d.DefaultString(ctx, defaults.StringRequest{Path: p}, &resp)
			planned = resp.PlanValue
		}
	case interface{ Int64DefaultValue() defaults.Int64 }:
		if d := a.Int64DefaultValue(); d != nil {
			var resp defaults.Int64Response
			d.DefaultInt64(ctx, defaults.Int64Request{Path: p}, &resp)
			planned = resp.PlanValue
		}
	case interface{ ListDefaultValue() defaults.List }:
		if d := a.ListDefaultValue(); d != nil {
			var resp defaults.ListResponse
			d.DefaultList(ctx, defaults.ListRequest{Path: p}, &resp)
			planned = resp.PlanValue
		}
	case interface{ MapDefaultValue() defaults.Map }:
		if d := a.MapDefaultValue(); d != nil {
			var resp defaults.MapResponse
			d.DefaultMap(ctx, defaults.MapRequest{Path: p}, &resp)
			planned = resp.PlanValue
		}
	case interface{ SetDefaultValue() defaults.Set }:
		if d := a.SetDefaultValue(); d != nil {
			var resp defaults.SetResponse
			d.DefaultSet(ctx, defaults.SetRequest{Path: p}, &resp)
			planned = resp.PlanValue
		}
	case interface{ ObjectDefaultValue() defaults.Object }:
		if d := a.ObjectDefaultValue(); d != nil {
			var resp defaults.ObjectResponse
			d.DefaultObject(ctx, defaults.ObjectRequest{Path: p}, &resp)
			planned = resp.PlanValue
		}
	}
	if planned == nil {
		return false, nil
	}
	tv, err := planned.ToTerraformValue(ctx)
	if err != nil {
		return false, err
	}
	return tv.Equal(v), nil
}
