package httpapi

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// errorCodeSources are the packages whose error codes the API answers
// with: the API itself, the intake behind the application endpoints, the
// portal's JSON, and the connectors' hub (integration_disabled).
var errorCodeSources = []string{".", "../intake", "../portal", "../../connectors"}

// htmlOnlyCodes name problems the job page shows as HTML, never in a JSON
// error.
var htmlOnlyCodes = []string{codeFormAlreadySent}

var codeConstName = regexp.MustCompile(`^[cC]ode[A-Z]`)

// sourceErrorCodes collects the error codes written in the sources: the
// code constants, the literal codes handed to abort and abortFields, and
// the Code of each literal intake.RequestError.
func sourceErrorCodes(t *testing.T) map[string]string {
	t.Helper()
	found := map[string]string{}
	fset := token.NewFileSet()
	for _, dir := range errorCodeSources {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parser.ParseFile(fset, name, src, 0)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				collectCodes(n, fset, found)
				return true
			})
		}
	}
	return found
}

func collectCodes(n ast.Node, fset *token.FileSet, found map[string]string) {
	add := func(e ast.Expr) {
		if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if s, err := strconv.Unquote(lit.Value); err == nil {
				found[s] = fset.Position(lit.Pos()).String()
			}
		}
	}
	switch x := n.(type) {
	case *ast.ValueSpec:
		for i, id := range x.Names {
			if codeConstName.MatchString(id.Name) && i < len(x.Values) {
				add(x.Values[i])
			}
		}
	case *ast.CallExpr:
		if fn, ok := x.Fun.(*ast.Ident); ok && (fn.Name == "abort" || fn.Name == "abortFields") && len(x.Args) >= 3 {
			add(x.Args[2])
		}
	case *ast.CompositeLit:
		if !isRequestError(x.Type) {
			return
		}
		for _, e := range x.Elts {
			if kv, ok := e.(*ast.KeyValueExpr); ok {
				if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Code" {
					add(kv.Value)
				}
			}
		}
	}
}

// TestOpenAPIDocumentsEveryErrorCode fails when the code answers an error
// code that the Error schema's enum (and its table) leaves out, or the
// document lists one that nothing answers.
func TestOpenAPIDocumentsEveryErrorCode(t *testing.T) {
	code := loadOpenAPI(t).Components.Schemas["Error"].Value.Properties["error"].Value.Properties["code"].Value
	documented := enumOf(code)
	source := sourceErrorCodes(t)
	for _, must := range []string{"not_polled", "poll_running", "method_not_allowed", "integration_disabled", "job_closed", "invalid_query"} {
		if _, ok := source[must]; !ok {
			t.Fatalf("the source scan misses %q: the scan is broken", must)
		}
	}
	for c, where := range source {
		if slices.Contains(htmlOnlyCodes, c) {
			continue
		}
		if !slices.Contains(documented, c) {
			t.Errorf("error code %q (%s) is not in the Error schema's code enum", c, where)
		}
		if !strings.Contains(code.Description, "| `"+c+"` |") {
			t.Errorf("error code %q is not in the Error schema's table", c)
		}
	}
	for _, c := range documented {
		if _, ok := source[c]; !ok {
			t.Errorf("the Error schema documents %q, which no code answers", c)
		}
	}
}

// isRequestError reports whether a composite literal's type is
// intake.RequestError (field errors carry field codes, not error codes).
func isRequestError(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name == "RequestError"
	case *ast.SelectorExpr:
		return x.Sel.Name == "RequestError"
	}
	return false
}
