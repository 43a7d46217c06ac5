package text

import (
	"strconv"
	"strings"
)

// Plural counts a noun: "1 issue", "0 issues", "2 repositories", "3
// business hours", "2 people". The plural follows the regular English
// rules: -y after a consonant becomes -ies; -s, -x, -z, -ch and -sh take
// -es; anything else takes -s; but a person is one of people.
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + plural(noun)
}

func plural(noun string) string {
	switch {
	case noun == "person", strings.HasSuffix(noun, " person"):
		return noun[:len(noun)-len("person")] + "people"
	case len(noun) >= 2 && strings.HasSuffix(noun, "y") && !strings.ContainsRune("aeiou", rune(noun[len(noun)-2])):
		return noun[:len(noun)-1] + "ies"
	case strings.HasSuffix(noun, "s"), strings.HasSuffix(noun, "x"), strings.HasSuffix(noun, "z"),
		strings.HasSuffix(noun, "ch"), strings.HasSuffix(noun, "sh"):
		return noun + "es"
	}
	return noun + "s"
}
