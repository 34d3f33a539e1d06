// Command terraform-provider-sailpoint serves the SailPoint Identity Security Cloud provider.
package main

import (
	"flag"
	"log"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/isc-terraform/terraform-provider-sailpoint/internal/provider"
)

// version is set by the release build.
var version = "dev"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()

	var opts []tf6server.ServeOpt
	if debug {
		opts = append(opts, tf6server.WithManagedDebug())
	}
	srv, err := provider.NewServer(version)()
	if err == nil {
		err = tf6server.Serve("registry.terraform.io/isc-terraform/sailpoint", func() tfprotov6.ProviderServer { return srv }, opts...)
	}
	if err != nil {
		log.Fatal(err.Error())
	}
}
