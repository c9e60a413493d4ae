// Command etcdpeer is a Go DMicro (v1.3.1) service or client that finds its peer through etcd with
// the original's own registry/etcd package, registry plugin and RpcClient (selector included).
//
//	-mode server  registers -name (routes of the interop suite, /echo among them) on 127.0.0.1,
//	              prints "REGISTERED <address>" once the record is in etcd, and deregisters on SIGTERM
//	              (the original's own signal handling closes the endpoint, whose plugin deregisters).
//	-mode client  calls /math/add of service -name found in etcd -calls times and prints
//	              "RESULT <n> <sum>" or "ERROR <code> <message>" for each, then "DONE".
package main

import (
	"flag"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/dmicro-java/interop/internal/peer"
	"github.com/osgochina/dmicro/client"
	"github.com/osgochina/dmicro/drpc"
	"github.com/osgochina/dmicro/registry"
	"github.com/osgochina/dmicro/registry/etcd"
)

// Args is the body of the Java service's /math/add.
type Args struct {
	A int `json:"a"`
	B int `json:"b"`
}

func main() {
	mode := flag.String("mode", "server", "server or client")
	etcdAddr := flag.String("etcd", "127.0.0.1:2379", "etcd address")
	name := flag.String("name", "go-echo", "service to register (server) or call (client)")
	ttl := flag.Int("ttl", 10, "record time to live in seconds (server)")
	calls := flag.Int("calls", 3, "calls to make (client)")
	flag.Parse()
	switch *mode {
	case "server":
		serve(*etcdAddr, *name, time.Duration(*ttl)*time.Second)
	case "client":
		call(*etcdAddr, *name, *calls)
	default:
		peer.Printf("ERROR 0 unknown mode %s", *mode)
		os.Exit(2)
	}
}

func serve(etcdAddr, name string, ttl time.Duration) {
	reg := etcd.NewRegistry(registry.OptAddrList(etcdAddr), registry.OptServiceName(name),
		registry.OptServiceVersion("1.0.0"), etcd.RegisterTTL(ttl), registry.OptLeasesInterval(ttl/3))
	ep := drpc.NewEndpoint(drpc.EndpointConfig{ListenIP: "127.0.0.1", ListenPort: 0}, registry.NewRegistryPlugin(reg))
	peer.Routes(ep)
	go func() {
		if err := ep.ListenAndServe(); err != nil {
			peer.Printf("ERROR 0 %v", err)
		}
	}()
	// the plugin registers in AfterListen; report once the record can be read back
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		services, err := reg.GetService(name)
		if err == nil && len(services) > 0 && len(services[0].Nodes) > 0 {
			peer.Printf("REGISTERED %s", services[0].Nodes[0].Address)
			break
		}
	}
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	<-stop
	_ = ep.Close()
}

func call(etcdAddr, name string, calls int) {
	reg := etcd.NewRegistry(registry.OptAddrList(etcdAddr))
	cli := client.NewRpcClient(name, client.OptRegistry(reg))
	defer cli.Close()
	for i := 0; i < calls; i++ {
		var sum int
		stat := cli.Call("/math/add", &Args{A: i, B: 100}, &sum).Status()
		if !stat.OK() {
			peer.Printf("ERROR %d %s", stat.Code(), stat.String())
			continue
		}
		peer.Printf("RESULT %d %d", i, sum)
	}
	peer.Printf("DONE")
}
