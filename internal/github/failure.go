package github

import (
	"errors"
	"fmt"
	"net/url"
)

// describeFailure turns a request that got no answer into a sentence,
// without Go's `Get "URL":` prefix.
func (c *Client) describeFailure(err error, what string) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return fmt.Errorf("%s: %w", what, err)
}
