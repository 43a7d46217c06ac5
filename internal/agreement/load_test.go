package agreement

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/sla-dev/sla/internal/diag"
)

// eachAtOnce calls every index once, several at once: the first two calls
// meet before either returns. Not parallel: it needs two processors free.
func TestEachAtOnce(t *testing.T) {
	if runtime.GOMAXPROCS(0) < 2 {
		t.Skip("one processor: nothing runs side by side")
	}
	var mu sync.Mutex
	calls := map[int]int{}
	met := make(chan struct{})
	var once sync.Once
	arrived := 0
	eachAtOnce(64, func(i int) {
		mu.Lock()
		calls[i]++
		arrived++
		if arrived == 2 {
			once.Do(func() { close(met) })
		}
		mu.Unlock()
		select {
		case <-met:
		case <-time.After(10 * time.Second):
			t.Errorf("call %d waited 10 s for a second call to run beside it", i)
		}
	})
	if len(calls) != 64 {
		t.Errorf("%d indexes called, want 64", len(calls))
	}
	for i, n := range calls {
		if n != 1 {
			t.Errorf("index %d called %d times", i, n)
		}
	}
}

// Files read side by side make the same set, in the order of their
// paths, with the same diagnostics, as each file read alone one after
// another.
func TestLoadKeepsTheOrderOfTheFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var paths []string
	for i := range 120 {
		doc := fmt.Sprintf("apiVersion: sla/v1\nkind: Team\nmetadata: {name: team-%03d}\nspec: {members: [user-%d]}\n", i, i)
		if i%7 == 0 { // a problem in some: an unknown field
			doc += fmt.Sprintf("---\napiVersion: sla/v1\nkind: Team\nmetadata: {name: other-%03d}\nspec: {members: [x], colour: red}\n", i)
		}
		path := filepath.Join(dir, fmt.Sprintf("f%03d.yaml", i))
		if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, path)
	}
	got, gotDiags, err := Load([]string{dir})
	if err != nil {
		t.Fatal(err)
	}
	want := &Set{Sources: map[string][]byte{}}
	var wantDiags diag.List
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		one, diags := LoadBytes(p, data)
		want.Merge(one)
		wantDiags = append(wantDiags, diags...)
	}
	// 18 of the files hold a second team with an unknown field (0, 7, …,
	// 119): it is not decoded, and is reported.
	if len(want.Teams) != 120 || len(want.Unreadable[KindTeam]) != 18 || len(wantDiags) != 18 {
		t.Fatalf("%d teams, %d unreadable and %d diagnostics read one by one; the test expects 120, 18 and 18",
			len(want.Teams), len(want.Unreadable[KindTeam]), len(wantDiags))
	}
	if !reflect.DeepEqual(got, want) {
		var names []Name
		for _, team := range got.Teams {
			names = append(names, team.Metadata.Name)
		}
		t.Errorf("the set differs from the files read one by one; teams in the order %v", names)
	}
	if !reflect.DeepEqual(gotDiags, wantDiags) {
		t.Errorf("diagnostics\n%v\nwant\n%v", gotDiags, wantDiags)
	}
}
