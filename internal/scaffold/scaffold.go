// Package scaffold holds the starter agreements that `sla init` writes: one
// Team per side, one Calendar, one Agreement with a first response and a
// resolution objective, the JSON Schema for editors, and the pull-request
// workflow. It renders them from the user's names into bytes; writing them
// is the command's job.
package scaffold

import (
	"bytes"
	"embed"
	"fmt"
	"text/template"

	"github.com/sla-dev/sla/schema"
)

//go:embed templates
var templates embed.FS

// Placeholders are what the starter files hold until the user edits them.
const (
	// PlaceholderRepo stands for the repository requests are opened in.
	PlaceholderRepo = "your-org/requests"
	// PlaceholderLogin begins every placeholder member login.
	PlaceholderLogin = "replace-me-"
)

// Objective is what an objective promises: its within and target as
// agreement files write them (4h, 90%), and why, when the values come from
// evidence (a comment on the within's line).
type Objective struct {
	Within, Target string
	Evidence       string
}

// Defaults are the objectives written without a baseline: a first
// response within half a business day, a resolution within a business
// week of 40 hours.
var (
	DefaultFirstResponse = Objective{Within: "4h", Target: "90%"}
	DefaultResolution    = Objective{Within: "40h", Target: "80%"}
)

// Options are the user's names for what the starter files hold. Names are
// valid agreement names, Repo is owner/name and Timezone an IANA name: the
// caller checks them.
type Options struct {
	// Folder is the base name of the agreements folder, which the workflow
	// names (relative to the repository's root).
	Folder             string
	Provider, Consumer string
	Repo               string // "" for PlaceholderRepo
	Timezone           string
	FirstResponse      Objective
	Resolution         Objective
	// Workflow: also write the pull-request workflow.
	Workflow bool
}

// File is one file to write. Path is relative to the agreements folder,
// or, with Root, to the repository's root (the folder's parent).
type File struct {
	Path  string
	Root  bool
	Data  []byte
	About string // what it is, for the list init prints
}

// AgreementName and CalendarName are the names the starter files give the
// agreement and the calendar of a provider.
func AgreementName(provider string) string { return provider + "-requests" }

// CalendarName is the name of the provider's calendar.
func CalendarName(provider string) string { return provider + "-hours" }

// WorkflowPath is where the workflow goes, from the repository's root.
const WorkflowPath = ".github/workflows/agreements-pr.yml"

// Files renders the starter files.
func Files(o Options) ([]File, error) {
	repo, placeholder := o.Repo, o.Repo == ""
	if placeholder {
		repo = PlaceholderRepo
	}
	data := map[string]any{
		"Schema": schema.FileName, "Provider": o.Provider, "Consumer": o.Consumer,
		"Agreement": AgreementName(o.Provider), "Calendar": CalendarName(o.Provider),
		"Repo": repo, "RepoPlaceholder": placeholder, "Timezone": o.Timezone,
		"FirstResponse": o.FirstResponse, "Resolution": o.Resolution, "Folder": o.Folder,
	}
	files := []File{
		{Path: "teams.yaml", About: fmt.Sprintf("%s and %s: fill in their members", o.Provider, o.Consumer)},
		{Path: "calendars.yaml", About: fmt.Sprintf("%s: Mon-Fri 09:00-17:00, %s", CalendarName(o.Provider), o.Timezone)},
		{Path: AgreementName(o.Provider) + ".yaml", About: fmt.Sprintf("first response %s (%s), resolution %s (%s)",
			o.FirstResponse.Within, o.FirstResponse.Target, o.Resolution.Within, o.Resolution.Target)},
	}
	sources := []string{"teams.yaml.tmpl", "calendars.yaml.tmpl", "agreement.yaml.tmpl"}
	for i := range files {
		b, err := render(sources[i], "{{", "}}", data)
		if err != nil {
			return nil, err
		}
		files[i].Data = b
	}
	files = append(files, File{Path: schema.FileName, Data: schema.JSON, About: "the JSON Schema, for editors"})
	if o.Workflow {
		// GitHub's own expressions are ${{ … }}: the workflow's template
		// marks its fields with [[ … ]] instead.
		b, err := render("agreements-pr.yml.tmpl", "[[", "]]", data)
		if err != nil {
			return nil, err
		}
		files = append(files, File{Path: WorkflowPath, Root: true, Data: b,
			About: "validates pull requests that change the agreements"})
	}
	return files, nil
}

func render(name, left, right string, data any) ([]byte, error) {
	src, err := templates.ReadFile("templates/" + name)
	if err != nil {
		return nil, err
	}
	t, err := template.New(name).Delims(left, right).Option("missingkey=error").Parse(string(src))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
