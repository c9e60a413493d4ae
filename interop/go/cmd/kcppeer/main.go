// Command kcppeer is a Go DMicro (v1.3.1) endpoint on the kcp network, as the original dials and
// listens with kcp-go (FEC 10 data + 3 parity shards, no block cipher).
//
//	-mode server  listens on 127.0.0.1 (network "kcp") with the interop routes (/echo among them) and
//	              /fec/recovered (kcp-go's count of packets it rebuilt from FEC parity), and
//	              prints "LISTEN <address>"
//	-mode client  dials -addr over kcp, calls /echo with a name of -size bytes -calls times and prints
//	              "RESULT <i> <length of the name replied> <n replied>" or "ERROR <code> <message>", then "DONE"
package main

import (
	"flag"
	"net"
	"strings"

	"github.com/dmicro-java/interop/internal/peer"
	"github.com/osgochina/dmicro/drpc"
	"github.com/xtaci/kcp-go/v5"
)

// Fec_recovered (/fec/recovered) answers how many packets kcp-go rebuilt from parity shards.
func Fec_recovered(_ drpc.CallCtx, _ *struct{}) (uint64, *drpc.Status) {
	return kcp.DefaultSnmp.Copy().FECRecovered, nil
}

// listenReporter prints the address the endpoint listens on once it is bound.
type listenReporter struct{}

func (listenReporter) Name() string { return "listen-reporter" }

func (listenReporter) AfterListen(addr net.Addr) error {
	peer.Printf("LISTEN %s", addr.String())
	return nil
}

var _ drpc.AfterListenPlugin = listenReporter{}

func main() {
	mode := flag.String("mode", "server", "server or client")
	addr := flag.String("addr", "", "address to dial (client)")
	size := flag.Int("size", 10, "length of the name sent (client)")
	calls := flag.Int("calls", 3, "calls to make (client)")
	flag.Parse()
	if *mode == "server" {
		ep := drpc.NewEndpoint(drpc.EndpointConfig{Network: "kcp", ListenIP: "127.0.0.1", ListenPort: 0}, listenReporter{})
		peer.Routes(ep)
		ep.RouteCallFunc(Fec_recovered)
		if err := ep.ListenAndServe(); err != nil {
			peer.Printf("ERROR 0 %v", err)
		}
		return
	}
	ep := drpc.NewEndpoint(drpc.EndpointConfig{Network: "kcp"})
	sess, stat := ep.Dial(*addr)
	if !stat.OK() {
		peer.Printf("ERROR %d %s", stat.Code(), stat.String())
		peer.Printf("DONE")
		return
	}
	name := strings.Repeat("k", *size)
	for i := 0; i < *calls; i++ {
		var reply peer.Greeting
		stat := sess.Call("/echo", &peer.Greeting{Name: name, N: i}, &reply).Status()
		if !stat.OK() {
			peer.Printf("ERROR %d %s", stat.Code(), stat.String())
			continue
		}
		peer.Printf("RESULT %d %d %d", i, len(reply.Name), reply.N)
	}
	peer.Printf("DONE")
}
