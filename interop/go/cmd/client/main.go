// Command client is a Go DMicro (v1.3.1) endpoint driven line by line from stdin.
package main

import (
	"github.com/dmicro-java/interop/internal/peer"
	"github.com/osgochina/dmicro/drpc"
)

func main() {
	ep := drpc.NewEndpoint(drpc.EndpointConfig{})
	peer.Routes(ep)
	peer.Printf("READY")
}
