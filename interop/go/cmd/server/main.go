// Command server is a Go DMicro (v1.3.1) endpoint serving the interop test routes. It opens one
// listener per proto (all on one endpoint, so one process serves every cell of a matrix) and
// prints "LISTEN <proto> <address>" for each, then "READY".
//
//	-network tcp   one TCP port per proto
//	-network unix  one socket file <dir>/<proto>.sock per proto
//	-network quic  one UDP port per proto (self-signed certificate, ALPN -alpn)
//	-network ws    one TCP port; the original's websocket mixer at /json (jsonSubProto),
//	               /pb (pbSubProto) and /<proto> for every other proto
package main

import (
	"flag"
	"net"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/dmicro-java/interop/internal/peer"
	"github.com/osgochina/dmicro/drpc"
	"github.com/osgochina/dmicro/drpc/mixer/websocket"
	"github.com/osgochina/dmicro/drpc/netproto/quic"
	"github.com/osgochina/dmicro/drpc/proto"
)

func main() {
	protos := flag.String("protos", "raw", "comma-separated protos, one listener each")
	network := flag.String("network", "tcp", "tcp, unix, quic or ws")
	port := flag.Int("port", 0, "TCP/UDP port (only with one proto; 0 picks one)")
	dir := flag.String("dir", "", "directory for unix sockets")
	alpn := flag.String("alpn", "drpc", "QUIC ALPN")
	shared := peer.RegisterFlags()
	flag.Parse()
	ep := drpc.NewEndpoint(drpc.EndpointConfig{PrintDetail: false}, shared.Setup()...)
	peer.Routes(ep)
	names := strings.Split(*protos, ",")
	if *network == "ws" {
		serveWebSocket(ep, names, *port)
	} else {
		for _, name := range names {
			lis := listen(*network, name, *port, *dir, *alpn)
			peer.Printf("LISTEN %s %s", name, lis.Addr())
			go serve(ep, lis, peer.ProtoFunc(name))
		}
	}
	peer.Printf("READY")
	select {}
}

func listen(network, name string, port int, dir, alpn string) net.Listener {
	var lis net.Listener
	var err error
	switch network {
	case "tcp":
		lis, err = net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
	case "unix":
		lis, err = net.Listen("unix", filepath.Join(dir, name+".sock"))
	case "quic":
		lis, err = quic.ListenAddr("udp", "127.0.0.1:"+strconv.Itoa(port), peer.ServerTLS(alpn), nil)
	default:
		panic("unknown network " + network)
	}
	if err != nil {
		panic(err)
	}
	return lis
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

func serveWebSocket(ep drpc.Endpoint, names []string, port int) {
	mux := http.NewServeMux()
	mux.Handle("/json", websocket.NewJSONServeHandler(ep, nil))
	mux.Handle("/pb", websocket.NewPbServeHandler(ep, nil))
	for _, name := range names {
		if name != "json" && name != "pb" {
			mux.Handle("/"+name, websocket.NewServeHandler(ep, nil, peer.ProtoFunc(name)))
		}
	}
	lis, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(port))
	if err != nil {
		panic(err)
	}
	peer.Printf("LISTEN ws %s", lis.Addr())
	go http.Serve(lis, mux)
}
