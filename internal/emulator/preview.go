package emulator

import (
	"fmt"
	"math"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// IdentityPreviewRequest is the body of POST /identity-profiles/identity-preview.
type IdentityPreviewRequest struct {
	IdentityID              string                   `json:"identityId"`
	IdentityAttributeConfig *IdentityAttributeConfig `json:"identityAttributeConfig"`
}

// IdentityPreviewResponse is what ISC would compute for one identity, without storing it.
type IdentityPreviewResponse struct {
	Identity          Ref                        `json:"identity"`
	PreviewAttributes []IdentityAttributePreview `json:"previewAttributes"`
}

// IdentityAttributePreview is one attribute of a preview: the computed value beside the stored one.
type IdentityAttributePreview struct {
	Name          string         `json:"name"`
	Value         *string        `json:"value,omitempty"` // the contract allows no null
	PreviousValue *string        `json:"previousValue,omitempty"`
	ErrorMessages []errorMessage `json:"errorMessages"`
}

// previewTypes are the transform types the emulator evaluates; a preview that uses another one,
// directly, nested or through a reference, answers 400.
var previewTypes = []string{
	"accountAttribute", "concat", "conditional", "dateFormat", "firstValid", "identityAttribute", "leftPad",
	"lower", "reference", "replace", "rightPad", "split", "static", "substring", "trim", "upper",
}

func (s *Server) previewRoutes(m *http.ServeMux) {
	s.handle(m, "POST /identity-profiles/identity-preview", func(_ http.ResponseWriter, r *http.Request) (int, any, error) {
		var req IdentityPreviewRequest
		if err := decodeJSON(readBody(r), &req); err != nil {
			return 0, nil, err
		}
		// ISC answers no 404 on this operation: an unknown identity is a bad request.
		id := s.identity(req.IdentityID)
		if req.IdentityID == "" || id == nil {
			return 0, nil, badRequest("field 'identityId': no identity has the id '%s'", req.IdentityID)
		}
		if req.IdentityAttributeConfig == nil {
			return 0, nil, badRequest("field 'identityAttributeConfig' is required")
		}
		ev := &transformEval{s: s, identity: id}
		resp := IdentityPreviewResponse{Identity: Ref{Type: refIdentity, ID: id.ID, Name: id.Name}, PreviewAttributes: []IdentityAttributePreview{}}
		mapped := map[string]bool{}
		for i, t := range req.IdentityAttributeConfig.AttributeTransforms {
			if err := checkPreviewable(s, t.TransformDefinition.Type, t.TransformDefinition.Attributes, 0); err != nil {
				return 0, nil, badRequest("identityAttributeConfig.attributeTransforms[%d] (%s): %v", i, t.IdentityAttributeName, err)
			}
			mapped[t.IdentityAttributeName] = true
			p := IdentityAttributePreview{Name: t.IdentityAttributeName, PreviousValue: attrString(id.Attributes[t.IdentityAttributeName]), ErrorMessages: []errorMessage{}}
			v, err := ev.eval(t.TransformDefinition.Type, t.TransformDefinition.Attributes, nil)
			if err != nil {
				p.ErrorMessages = append(p.ErrorMessages, errorMessage{Locale: "en-US", LocaleOrigin: "DEFAULT", Text: err.Error()})
			} else {
				p.Value = v
			}
			resp.PreviewAttributes = append(resp.PreviewAttributes, p)
		}
		// The identity's other attributes keep their values.
		for _, name := range sortedKeys(id.Attributes) {
			if !mapped[name] {
				v := attrString(id.Attributes[name])
				resp.PreviewAttributes = append(resp.PreviewAttributes, IdentityAttributePreview{Name: name, Value: v, PreviousValue: v, ErrorMessages: []errorMessage{}})
			}
		}
		return http.StatusOK, resp, nil
	})
}

// identity returns a fixture identity by id, or nil.
func (s *Server) identity(id string) *Identity { return s.fixtures.identity[id] }

// maxTransformDepth bounds nesting and reference chains, so a reference cycle ends in an error.
const maxTransformDepth = 20

// checkPreviewable refuses, before evaluating anything, a transform type the emulator does not
// model anywhere in the definition. Chains too deep (reference cycles) are left to eval, which
// reports them on the attribute.
func checkPreviewable(s *Server, typ string, attrs map[string]any, depth int) error {
	if depth > maxTransformDepth {
		return nil
	}
	if !slices.Contains(previewTypes, typ) {
		return fmt.Errorf("the emulator cannot preview transform type '%s'; it previews %s", typ, strings.Join(previewTypes, ", "))
	}
	if typ == "reference" {
		name, _ := attrs["id"].(string)
		if t := s.transformByName(name); t != nil {
			if err := checkPreviewable(s, t.Type, t.Attributes, depth+1); err != nil {
				return err
			}
		}
	}
	for _, v := range attrs {
		for _, nested := range nestedTransforms(v) {
			if err := checkPreviewable(s, nested.Type, nested.Attributes, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// nestedTransforms are the transforms a transform attribute holds: itself, or the items of a list.
func nestedTransforms(v any) []TransformDefinition {
	var out []TransformDefinition
	switch v := v.(type) {
	case map[string]any:
		if t, ok := asTransform(v); ok {
			out = append(out, t)
		}
	case []any:
		for _, item := range v {
			out = append(out, nestedTransforms(item)...)
		}
	}
	return out
}

// asTransform reads an attribute value of the form {type, attributes} as a nested transform.
func asTransform(v map[string]any) (TransformDefinition, bool) {
	typ, ok := v["type"].(string)
	if !ok {
		return TransformDefinition{}, false
	}
	attrs, _ := v["attributes"].(map[string]any)
	return TransformDefinition{Type: typ, Attributes: attrs}, true
}

func (s *Server) transformByName(name string) *Transform {
	for _, t := range s.data.transforms.all() {
		if strings.EqualFold(t.Name, name) {
			return t
		}
	}
	return nil
}

// transformEval computes transforms for one identity. A nil value is "no value" (null).
type transformEval struct {
	s        *Server
	identity *Identity
	depth    int
}

// eval computes a transform; input is the implicit input a reference passes on (nil otherwise).
func (e *transformEval) eval(typ string, a map[string]any, input *string) (*string, error) {
	e.depth++
	defer func() { e.depth-- }()
	if e.depth > maxTransformDepth {
		return nil, fmt.Errorf("transforms nest or reference each other more than %d levels deep", maxTransformDepth)
	}
	if v, ok := a["input"]; ok {
		in, err := e.value(v)
		if err != nil {
			return nil, err
		}
		input = in
	}
	switch typ {
	case "accountAttribute":
		return e.accountAttribute(a)
	case "identityAttribute":
		name, _ := a["name"].(string)
		if name == "" {
			return nil, fmt.Errorf("identityAttribute: attribute 'name' is required")
		}
		return attrString(e.identity.Attributes[name]), nil
	case "static":
		return e.static(a)
	case "lower", "upper", "trim":
		if input == nil {
			return nil, nil
		}
		out := map[string]func(string) string{"lower": strings.ToLower, "upper": strings.ToUpper, "trim": strings.TrimSpace}[typ](*input)
		return &out, nil
	case "concat":
		values, _ := a["values"].([]any)
		if values == nil {
			return nil, fmt.Errorf("concat: attribute 'values' must be a list")
		}
		var b strings.Builder
		for _, v := range values {
			s, err := e.value(v)
			if err != nil {
				return nil, err
			}
			if s != nil {
				b.WriteString(*s)
			}
		}
		out := b.String()
		return &out, nil
	case "firstValid":
		return e.firstValid(a)
	case "conditional":
		return e.conditional(a)
	case "substring":
		return substring(a, input)
	case "replace":
		return replace(a, input)
	case "split":
		return split(a, input)
	case "leftPad", "rightPad":
		return pad(typ, a, input)
	case "dateFormat":
		return dateFormat(a, input)
	case "reference":
		name, _ := a["id"].(string)
		t := e.s.transformByName(name)
		if t == nil {
			return nil, fmt.Errorf("reference: no transform is named '%s'", name)
		}
		return e.eval(t.Type, t.Attributes, input)
	}
	return nil, fmt.Errorf("transform type '%s' is not previewed", typ)
}

// value computes an attribute that is a literal or a nested transform.
func (e *transformEval) value(v any) (*string, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case map[string]any:
		if t, ok := asTransform(v); ok {
			return e.eval(t.Type, t.Attributes, nil)
		}
	}
	return attrString(v), nil
}

// accountAttribute reads the identity's account on a source. The emulator models one account
// per identity on every source, whose attributes are the identity's (see accountAttributes).
func (e *transformEval) accountAttribute(a map[string]any) (*string, error) {
	source, _ := a["sourceName"].(string)
	if source == "" {
		source, _ = a["applicationName"].(string)
	}
	name, _ := a["attributeName"].(string)
	if source == "" || name == "" {
		return nil, fmt.Errorf("accountAttribute: attributes 'sourceName' and 'attributeName' are required")
	}
	found := false
	for _, rec := range e.s.data.sources {
		if rec.deleting == nil && strings.EqualFold(rec.src.Name, source) {
			found = true
			break
		}
	}
	if !found {
		return nil, fmt.Errorf("accountAttribute: no source is named '%s'", source)
	}
	return attrString(accountAttributes(e.identity)[name]), nil
}

// accountAttributes is an identity's account on any source: its identity attributes, and the
// same values under the names directory and HR connectors commonly use.
func accountAttributes(id *Identity) map[string]any {
	out := make(map[string]any, len(id.Attributes)+8)
	for k, v := range id.Attributes {
		out[k] = v
	}
	for alias, name := range map[string]string{
		"givenName": "firstname", "sn": "lastname", "mail": "email", "employeeNumber": "identificationNumber",
		"sAMAccountName": "uid", "displayname": "displayName", "first_name": "firstname", "last_name": "lastname",
	} {
		if v, ok := id.Attributes[name]; ok {
			out[alias] = v
		}
	}
	return out
}

// static returns attributes.value, with $name and ${name} replaced by the other attributes' values.
func (e *transformEval) static(a map[string]any) (*string, error) {
	value, ok := a["value"].(string)
	if !ok {
		return nil, fmt.Errorf("static: attribute 'value' must be a string")
	}
	return e.substitute(value, a)
}

var velocityVar = regexp.MustCompile(`\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?`)

// substitute resolves the Velocity variables of a template from the transform's other attributes.
func (e *transformEval) substitute(template string, a map[string]any) (*string, error) {
	var err error
	out := velocityVar.ReplaceAllStringFunc(template, func(m string) string {
		name := velocityVar.FindStringSubmatch(m)[1]
		v, ok := a[name]
		if !ok {
			return m // Velocity leaves an unknown reference as written
		}
		s, verr := e.value(v)
		if verr != nil && err == nil {
			err = verr
		}
		if s == nil {
			return ""
		}
		return *s
	})
	return &out, err
}

func (e *transformEval) firstValid(a map[string]any) (*string, error) {
	values, _ := a["values"].([]any)
	if values == nil {
		return nil, fmt.Errorf("firstValid: attribute 'values' must be a list")
	}
	ignoreErrors := a["ignoreErrors"] == true || a["ignoreErrors"] == "true"
	for _, v := range values {
		s, err := e.value(v)
		if err != nil {
			if ignoreErrors {
				continue
			}
			return nil, err
		}
		if s != nil {
			return s, nil
		}
	}
	return nil, nil
}

// conditional compares two values ("ValueA eq ValueB", the only operator ISC documents) and
// returns positiveCondition or negativeCondition, both templates over the other attributes.
func (e *transformEval) conditional(a map[string]any) (*string, error) {
	expr, _ := a["expression"].(string)
	left, right, ok := strings.Cut(expr, " eq ")
	pos, posOK := a["positiveCondition"].(string)
	neg, negOK := a["negativeCondition"].(string)
	if !ok || !posOK || !negOK {
		return nil, fmt.Errorf("conditional: attributes 'expression' (\"ValueA eq ValueB\"), 'positiveCondition' and 'negativeCondition' are required")
	}
	l, err := e.substitute(strings.TrimSpace(left), a)
	if err != nil {
		return nil, err
	}
	r, err := e.substitute(strings.TrimSpace(right), a)
	if err != nil {
		return nil, err
	}
	if *l == *r {
		return e.substitute(pos, a)
	}
	return e.substitute(neg, a)
}

// intAttr reads an integer attribute, which ISC accepts as a number or a numeric string.
func intAttr(a map[string]any, name string, def int) (int, error) {
	switch v := a[name].(type) {
	case nil:
		return def, nil
	case float64:
		if v == math.Trunc(v) {
			return int(v), nil
		}
	case string:
		if n, err := strconv.Atoi(v); err == nil {
			return n, nil
		}
	}
	return 0, fmt.Errorf("attribute '%s' must be an integer, got %v", name, a[name])
}

// substring follows ISC: begin and end are character indexes (-1: the start, the end), each
// moved by its offset; end excludes.
func substring(a map[string]any, input *string) (*string, error) {
	if input == nil {
		return nil, nil
	}
	r := []rune(*input)
	begin, err := intAttr(a, "begin", -1)
	if err != nil {
		return nil, fmt.Errorf("substring: %w", err)
	}
	end, err := intAttr(a, "end", -1)
	if err != nil {
		return nil, fmt.Errorf("substring: %w", err)
	}
	bOff, err := intAttr(a, "beginOffset", 0)
	if err != nil {
		return nil, fmt.Errorf("substring: %w", err)
	}
	eOff, err := intAttr(a, "endOffset", 0)
	if err != nil {
		return nil, fmt.Errorf("substring: %w", err)
	}
	if begin == -1 {
		begin = 0
	}
	if end == -1 {
		end = len(r)
	}
	begin, end = begin+bOff, end+eOff
	if begin < 0 || end > len(r) || begin > end {
		return nil, fmt.Errorf("substring: range [%d, %d) is outside %q", begin, end, *input)
	}
	out := string(r[begin:end])
	return &out, nil
}

func replace(a map[string]any, input *string) (*string, error) {
	pattern, _ := a["regex"].(string)
	replacement, ok := a["replacement"].(string)
	if pattern == "" || !ok {
		return nil, fmt.Errorf("replace: attributes 'regex' and 'replacement' are required")
	}
	re, err := regexp.Compile(pattern)
	if err != nil {
		return nil, fmt.Errorf("replace: 'regex' does not compile: %w", err)
	}
	if input == nil {
		return nil, nil
	}
	out := re.ReplaceAllString(*input, replacement)
	return &out, nil
}

func split(a map[string]any, input *string) (*string, error) {
	delim, _ := a["delimiter"].(string)
	index, err := intAttr(a, "index", -1)
	if delim == "" || err != nil || index < 0 {
		return nil, fmt.Errorf("split: attributes 'delimiter' and a non-negative 'index' are required")
	}
	if input == nil {
		return nil, nil
	}
	parts := strings.Split(*input, delim)
	if index >= len(parts) {
		if a["throws"] == true || a["throws"] == "true" {
			return nil, fmt.Errorf("split: %q has no part %d", *input, index)
		}
		return nil, nil
	}
	return &parts[index], nil
}

func pad(typ string, a map[string]any, input *string) (*string, error) {
	length, err := intAttr(a, "length", -1)
	if err != nil || length < 0 {
		return nil, fmt.Errorf("%s: attribute 'length' must be a non-negative integer", typ)
	}
	padding, _ := a["padding"].(string)
	if padding == "" {
		padding = " "
	}
	if input == nil {
		return nil, nil
	}
	missing := length - len([]rune(*input))
	if missing <= 0 {
		return input, nil
	}
	fill := string([]rune(strings.Repeat(padding, missing))[:missing])
	out := fill + *input
	if typ == "rightPad" {
		out = *input + fill
	}
	return &out, nil
}

// Named date formats of ISC's dateFormat transform, as Go layouts; the epoch formats are numbers.
var namedDateFormats = map[string]string{
	"ISO8601":     "2006-01-02T15:04:05.000Z07:00",
	"LDAP":        "20060102150405.0Z0700",
	"PEOPLE_SOFT": "01/02/2006",
}

func dateFormat(a map[string]any, input *string) (*string, error) {
	in, _ := a["inputFormat"].(string)
	out, _ := a["outputFormat"].(string)
	if input == nil {
		return nil, nil
	}
	t, err := parseDate(*input, in)
	if err != nil {
		return nil, fmt.Errorf("dateFormat: %w", err)
	}
	s, err := formatDate(t, out)
	if err != nil {
		return nil, fmt.Errorf("dateFormat: %w", err)
	}
	return &s, nil
}

// win32Epoch is where EPOCH_TIME_WIN32 counts 100-nanosecond intervals from.
var win32Epoch = time.Date(1601, 1, 1, 0, 0, 0, 0, time.UTC)

func parseDate(s, format string) (time.Time, error) {
	switch format {
	case "", "ISO8601":
		return time.Parse(time.RFC3339Nano, s)
	case "EPOCH_TIME_JAVA", "EPOCH_TIME_WIN32":
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("%q is not a %s number", s, format)
		}
		if format == "EPOCH_TIME_JAVA" {
			return time.UnixMilli(n).UTC(), nil
		}
		return win32Epoch.Add(time.Duration(n/10_000) * time.Millisecond), nil
	}
	layout, err := dateLayout(format)
	if err != nil {
		return time.Time{}, err
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q does not match inputFormat %q", s, format)
	}
	return t, nil
}

func formatDate(t time.Time, format string) (string, error) {
	switch format {
	case "", "ISO8601":
		return t.UTC().Format(namedDateFormats["ISO8601"]), nil
	case "EPOCH_TIME_JAVA":
		return strconv.FormatInt(t.UnixMilli(), 10), nil
	case "EPOCH_TIME_WIN32":
		return strconv.FormatInt(t.Sub(win32Epoch).Milliseconds()*10_000, 10), nil
	}
	layout, err := dateLayout(format)
	if err != nil {
		return "", err
	}
	return t.Format(layout), nil
}

// javaDateTokens maps the Java SimpleDateFormat letters the emulator understands to Go layouts,
// longest first.
var javaDateTokens = []struct{ java, goLayout string }{
	{"yyyy", "2006"}, {"yy", "06"}, {"MMMM", "January"}, {"MMM", "Jan"}, {"MM", "01"}, {"M", "1"},
	{"dd", "02"}, {"d", "2"}, {"HH", "15"}, {"hh", "03"}, {"h", "3"}, {"mm", "04"}, {"ss", "05"},
	{"SSS", "000"}, {"a", "PM"}, {"XXX", "Z07:00"}, {"Z", "-0700"}, {"z", "MST"}, {"EEEE", "Monday"}, {"EEE", "Mon"},
}

// dateLayout turns a named format or a Java SimpleDateFormat pattern into a Go layout.
func dateLayout(format string) (string, error) {
	if l, ok := namedDateFormats[format]; ok {
		return l, nil
	}
	var b strings.Builder
	for i := 0; i < len(format); {
		c := format[i]
		switch {
		case c == '\'':
			end := strings.IndexByte(format[i+1:], '\'')
			if end < 0 {
				return "", fmt.Errorf("format %q has an unclosed quote", format)
			}
			b.WriteString(format[i+1 : i+1+end])
			i += end + 2
			continue
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			matched := false
			for _, t := range javaDateTokens {
				if strings.HasPrefix(format[i:], t.java) {
					b.WriteString(t.goLayout)
					i += len(t.java)
					matched = true
					break
				}
			}
			if !matched {
				return "", fmt.Errorf("format %q: the emulator does not model the pattern letter %q", format, c)
			}
			continue
		}
		b.WriteByte(c)
		i++
	}
	return b.String(), nil
}

// attrString is an attribute value as the string ISC previews; nil stays nil.
func attrString(v any) *string {
	var s string
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		s = v
	case float64:
		s = strconv.FormatFloat(v, 'f', -1, 64)
	default:
		s = fmt.Sprint(v)
	}
	return &s
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
