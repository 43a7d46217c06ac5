package scaffold_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/sla-dev/sla/internal/agreement"
	"github.com/sla-dev/sla/internal/scaffold"
	"github.com/sla-dev/sla/internal/validate"
	"github.com/sla-dev/sla/schema"
	"gopkg.in/yaml.v3"
)

func defaults() scaffold.Options {
	return scaffold.Options{Folder: "agreements", Provider: "platform", Consumer: "payments", Timezone: "Europe/Berlin",
		FirstResponse: scaffold.DefaultFirstResponse, Resolution: scaffold.DefaultResolution, Workflow: true}
}

// fromBaseline are options as init --from-baseline fills them.
func fromBaseline() scaffold.Options {
	o := defaults()
	o.Provider, o.Consumer, o.Repo, o.Timezone = "data", "growth", "acme/data-requests", "America/New_York"
	o.FirstResponse = scaffold.Objective{Within: "2h30m", Target: "90%", Evidence: "sla baseline of acme/data-requests: 90% met within 2h30m in 6 of 12 weeks"}
	o.Resolution = scaffold.Objective{Within: "71h", Target: "90%", Evidence: "too few issues: the default"}
	return o
}

func render(t *testing.T, o scaffold.Options) map[string]scaffold.File {
	t.Helper()
	files, err := scaffold.Files(o)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]scaffold.File{}
	for _, f := range files {
		out[f.Path] = f
	}
	return out
}

// The starter files load and validate with no problem, not even a warning,
// and every one starts with the line that names the schema beside them.
func TestStarterValidates(t *testing.T) {
	t.Parallel()
	for name, o := range map[string]scaffold.Options{"defaults": defaults(), "from a baseline": fromBaseline()} {
		set := &agreement.Set{Sources: map[string][]byte{}}
		n := 0
		for _, f := range render(t, o) {
			if !strings.HasSuffix(f.Path, ".yaml") {
				continue
			}
			n++
			if first, _, _ := strings.Cut(string(f.Data), "\n"); first != "# yaml-language-server: $schema=sla-v1.schema.json" {
				t.Errorf("%s: %s starts with %q", name, f.Path, first)
			}
			s, diags := agreement.LoadBytes("agreements/"+f.Path, f.Data)
			for _, d := range diags {
				t.Errorf("%s: %v", name, d)
			}
			set.Merge(s)
		}
		for _, d := range validate.Check(set) {
			t.Errorf("%s: %v", name, d)
		}
		if n != 3 || len(set.Teams) != 2 || len(set.Calendars) != 1 || len(set.Agreements) != 1 {
			t.Fatalf("%s: %d files, %d teams, %d calendars, %d agreements; want 3 files: 2 teams, 1 calendar, 1 agreement",
				name, n, len(set.Teams), len(set.Calendars), len(set.Agreements))
		}
		a := set.Agreements[0]
		if got := []string{string(a.Spec.Objectives[0].Metric), a.Spec.Objectives[0].Within.Raw, string(a.Spec.Objectives[1].Metric), a.Spec.Objectives[1].Within.Raw}; got[1] != o.FirstResponse.Within || got[3] != o.Resolution.Within ||
			got[0] != string(agreement.MetricFirstResponse) || got[2] != string(agreement.MetricResolution) {
			t.Errorf("%s: objectives %v", name, got)
		}
		if c := set.Calendars[0]; c.Spec.Timezone.Name != o.Timezone || string(a.Spec.Calendar) != string(c.Metadata.Name) {
			t.Errorf("%s: calendar %s in %s", name, c.Metadata.Name, c.Spec.Timezone.Name)
		}
	}
}

// Each document of the starter files is valid against the JSON Schema
// editors check them with, read as an editor reads YAML.
func TestStarterMatchesSchema(t *testing.T) {
	t.Parallel()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.JSON))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(schema.FileName, doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile(schema.FileName)
	if err != nil {
		t.Fatal(err)
	}
	files := render(t, fromBaseline())
	if !bytes.Equal(files[schema.FileName].Data, schema.JSON) {
		t.Errorf("the schema written is not sla's")
	}
	docs := 0
	for _, f := range files {
		if !strings.HasSuffix(f.Path, ".yaml") {
			continue
		}
		dec := yaml.NewDecoder(bytes.NewReader(f.Data))
		for {
			var v any
			if err := dec.Decode(&v); errors.Is(err, io.EOF) {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", f.Path, err)
			}
			docs++
			raw, err := json.Marshal(v)
			if err != nil {
				t.Fatalf("%s: %v", f.Path, err)
			}
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
			if err != nil {
				t.Fatal(err)
			}
			if err := sch.Validate(inst); err != nil {
				t.Errorf("%s: %v", f.Path, err)
			}
		}
	}
	if docs != 4 {
		t.Errorf("%d documents, want 4", docs)
	}
}

// The placeholders are marked TODO, and only while they are placeholders.
func TestPlaceholdersMarked(t *testing.T) {
	t.Parallel()
	files := render(t, defaults())
	teams := string(files["teams.yaml"].Data)
	if strings.Count(teams, scaffold.PlaceholderLogin) != 3 || strings.Count(teams, "# TODO") != 2 {
		t.Errorf("teams.yaml: placeholders not marked:\n%s", teams)
	}
	a := string(files["platform-requests.yaml"].Data)
	if !regexp.MustCompile(`repos: \[` + scaffold.PlaceholderRepo + `\] # TODO`).MatchString(a) {
		t.Errorf("the placeholder repository is not marked TODO:\n%s", a)
	}
	a = string(render(t, fromBaseline())["data-requests.yaml"].Data)
	if strings.Contains(a, "TODO") || !strings.Contains(a, "repos: [acme/data-requests]\n") {
		t.Errorf("a repository given is marked TODO:\n%s", a)
	}
	if !strings.Contains(a, "      # sla baseline of acme/data-requests: 90% met within 2h30m in 6 of 12 weeks\n      within: 2h30m # business time\n") {
		t.Errorf("the evidence is not above the within:\n%s", a)
	}
}

// The workflow init writes is the pull-request workflow of docs/ci.md,
// word for word, under a comment that says where it comes from.
func TestWorkflowIsTheDocumentedOne(t *testing.T) {
	t.Parallel()
	md, err := os.ReadFile("../../docs/ci.md")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)## 1\\. Pull-request checks.*?```yaml\n(.*?)```").FindSubmatch(md)
	if m == nil {
		t.Fatal("docs/ci.md has no yaml block under \"## 1. Pull-request checks\"")
	}
	wf := string(render(t, defaults())[scaffold.WorkflowPath].Data)
	var comment strings.Builder
	for strings.HasPrefix(wf, "#") {
		line, rest, _ := strings.Cut(wf, "\n")
		comment.WriteString(line + "\n")
		wf = rest
	}
	if wf != string(m[1]) {
		t.Errorf("the workflow differs from docs/ci.md's:\n%s", wf)
	}
	if !strings.Contains(comment.String(), "docs/ci.md") {
		t.Errorf("the workflow does not say where it comes from:\n%s", comment.String())
	}
}

// With a folder of another name, the workflow watches and reads that one.
func TestWorkflowNamesTheFolder(t *testing.T) {
	t.Parallel()
	o := defaults()
	o.Folder = "service-levels"
	wf := render(t, o)[scaffold.WorkflowPath].Data
	var parsed struct {
		On struct {
			PullRequest struct {
				Paths []string `yaml:"paths"`
			} `yaml:"pull_request"`
		} `yaml:"on"`
		Jobs map[string]struct {
			Steps []struct {
				With map[string]string `yaml:"with"`
				Run  string            `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(wf, &parsed); err != nil {
		t.Fatalf("not YAML: %v\n%s", err, wf)
	}
	if parsed.On.PullRequest.Paths[0] != "service-levels/**" {
		t.Errorf("paths %v", parsed.On.PullRequest.Paths)
	}
	steps := parsed.Jobs["review"].Steps
	if steps[1].With["command"] != "validate" || steps[1].With["paths"] != "service-levels" {
		t.Errorf("validate step %v", steps[1].With)
	}
	runs := 0
	for _, s := range steps {
		for line := range strings.Lines(s.Run) {
			if strings.Contains(line, `"$SLA" `) {
				runs++
				if !strings.Contains(line, " service-levels ") || strings.Contains(line, " agreements ") {
					t.Errorf("sla reads another folder: %s", line)
				}
			}
		}
	}
	if runs != 3 {
		t.Errorf("%d lines run sla, want 3 (diff, diff, describe)", runs)
	}
	if _, ok := render(t, scaffold.Options{Folder: "agreements", Provider: "a", Consumer: "b", Timezone: "UTC",
		FirstResponse: scaffold.DefaultFirstResponse, Resolution: scaffold.DefaultResolution})[scaffold.WorkflowPath]; ok {
		t.Error("a workflow without Workflow")
	}
}
