// Command learn runs Propagate's demos headless: any link, the same numbers
// as the page.
//
//	learn -link '#dataset=xor&rules=bp,chl' -steps 500 -json
//	learn -equivalence -link '#…' -gamma 0.1,0.01,0.001 -json
//	learn -table [-seeds 20] [-rules bp,chl] [-tasks xor4,circle] [-json]
//	learn -settings [-json]
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
