// Command terraform-provider-sailpoint serves the SailPoint Identity Security Cloud provider.
package main

import (
	"context"
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/provider"
)

// version is set by the release build.
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	err := providerserver.Serve(context.Background(), provider.New(version), providerserver.ServeOpts{
		Address: "registry.terraform.io/isc-terraform/sailpoint",
		Debug:   debug,
	})
	if err != nil {
		log.Fatal(err.Error())
	}
}
