// Package e2e holds the browser tests: they serve the built bundle (make
// dist) with web/server and drive headless Chromium through chromedp.
//
// They run as part of go test ./... . Without a bundle or a browser they
// skip, unless CI or PROPAGATE_E2E=1 is set (make test sets it): then a
// missing piece is a failure, so CI can never pass by skipping. Set
// PROPAGATE_BUNDLE to test another bundle folder, PROPAGATE_CHROME to use
// another browser binary. Screenshots land in out/screenshots/.
package e2e
