// Command server is a Go DMicro (v1.3.1) endpoint serving the interop test routes, one listener per
// proto, and printing "LISTEN <proto> <address>" for each and then "READY".
package main

import (
	"flag"
	"net"
	"strings"

	"github.com/dmicro-java/interop/internal/peer"
	"github.com/osgochina/dmicro/drpc"
	"github.com/osgochina/dmicro/drpc/proto"
)

func main() {
	protos := flag.String("protos", "raw", "comma-separated protos, one listener each")
	flag.Parse()
	ep := drpc.NewEndpoint(drpc.EndpointConfig{})
	peer.Routes(ep)
	for _, name := range strings.Split(*protos, ",") {
		lis, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			panic(err)
		}
		peer.Printf("LISTEN %s %s", name, lis.Addr())
		go serve(ep, lis, peer.ProtoFunc(name))
	}
	peer.Printf("READY")
	select {}
}

func serve(ep drpc.Endpoint, lis net.Listener, pf proto.ProtoFunc) {
	for {
		conn, err := lis.Accept()
		if err != nil {
			return
		}
		go ep.ServeConn(conn, pf)
	}
}
