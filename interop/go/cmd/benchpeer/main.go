// Command benchpeer is the Go DMicro (v1.3.1) side of the benchmark module (benchmarks/): an echo
// server, a closed-loop load generator and an idle-session holder, each reporting figures as one
// line on stdout. Everything binds and dials 127.0.0.1 only.
//
//	benchpeer server                 echo routes /bench/bytes ([]byte, plain codec) and /bench/json
//	                                 (EchoBody, json codec) on 127.0.0.1:0; prints "LISTEN <addr>",
//	                                 then answers stdin lines: HEAP (heap bytes in use after a GC),
//	                                 SESSIONS, PUSH <plain|json> <size> (push /bench/push to every
//	                                 session, a goroutine each, until PUSH_STOP, which prints
//	                                 "PUSHED <n>"), QUIT. Exits when stdin closes.
//	benchpeer load -addr A -route R -codec plain|json -callers N -size B -warmup-ms W -measure-ms M
//	                                 N goroutines on one session, each with one call outstanding;
//	                                 prints "PHASE measure" and "PHASE done" at the edges of
//	                                 the measured phase, then "RESULT {json}" (calls, seconds, p50/p99/p999 in us,
//	                                 errors, this process's CPU ns over the measured phase).
//	benchpeer idle -addr A -sessions N
//	                                 opens N sessions, prints "IDLE {json}" with this process's heap
//	                                 before and after (after a GC), then waits for stdin to close.
//	benchpeer pushrecv -addr A -sessions N -codec plain|json
//	                                 opens N sessions that count the pushes they get on /bench/push,
//	                                 prints "READY <n>", then "DELIVERED <count so far> <unix ns when
//	                                 read>" every 20 ms until stdin closes.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/osgochina/dmicro/drpc"
	"github.com/osgochina/dmicro/drpc/message"
	"github.com/osgochina/dmicro/drpc/proto/rawproto"
	"github.com/osgochina/dmicro/logger"
)

// EchoBody is the JSON struct body, the same fields as the Java side's record EchoBody(long id,
// String name, byte[] data): []byte is base64 in encoding/json as byte[] is in Jackson.
type EchoBody struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Data []byte `json:"data"`
}

// Bench_bytes (/bench/bytes) returns the body it got.
func Bench_bytes(_ drpc.CallCtx, arg *[]byte) ([]byte, *drpc.Status) {
	return *arg, nil
}

// Bench_json (/bench/json) returns the struct it got.
func Bench_json(_ drpc.CallCtx, arg *EchoBody) (*EchoBody, *drpc.Status) {
	return arg, nil
}

// Bench_push (/bench/push) counts a []byte push.
func Bench_push(_ drpc.PushCtx, _ *[]byte) *drpc.Status {
	delivered.Add(1)
	return nil
}

// Bench_push_json is mapped to /bench/push too (see pushrecv): it counts an EchoBody push.
func Bench_push_json(_ drpc.PushCtx, _ *EchoBody) *drpc.Status {
	delivered.Add(1)
	return nil
}

var delivered atomic.Int64

func out(kind string, v interface{}) {
	b, _ := json.Marshal(v)
	fmt.Fprintf(os.Stdout, "%s %s\n", kind, b)
}

func heapAfterGC() uint64 {
	runtime.GC()
	debug.FreeOSMemory()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func cpuNanos() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

func main() {
	_ = logger.SetLevelStr("ERROR") // the original logs every session at INFO
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: benchpeer server|load|idle [flags]")
		os.Exit(2)
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	addr := fs.String("addr", "127.0.0.1:0", "address")
	route := fs.String("route", "/bench/bytes", "route to call")
	codecName := fs.String("codec", "plain", "body codec: plain ([]byte) or json (EchoBody)")
	callers := fs.Int("callers", 1, "closed-loop callers on one session")
	size := fs.Int("size", 100, "payload bytes")
	warmupMs := fs.Int("warmup-ms", 500, "warm-up")
	measureMs := fs.Int("measure-ms", 1000, "measured phase")
	sessions := fs.Int("sessions", 1000, "idle sessions")
	local := fs.String("local", "", "idle: the local IP sessions are dialed from (drpc binds it before it connects)")
	_ = fs.Parse(os.Args[2:])
	switch os.Args[1] {
	case "server":
		server(*addr)
	case "load":
		load(*addr, *route, *codecName, *callers, *size, *warmupMs, *measureMs)
	case "idle":
		idle(*addr, *sessions, *local)
	case "pushrecv":
		pushrecv(*addr, *sessions, *codecName)
	default:
		fmt.Fprintln(os.Stderr, "unknown mode", os.Args[1])
		os.Exit(2)
	}
}

func server(addr string) {
	ep := drpc.NewEndpoint(drpc.EndpointConfig{PrintDetail: false})
	ep.RouteCallFunc(Bench_bytes)
	ep.RouteCallFunc(Bench_json)
	lis, err := net.Listen("tcp", addr)
	if err != nil {
		panic(err)
	}
	go func() {
		for {
			conn, err := lis.Accept()
			if err != nil {
				return
			}
			go ep.ServeConn(conn, rawproto.NewRawProtoFunc())
		}
	}()
	fmt.Fprintf(os.Stdout, "LISTEN %s\n", lis.Addr())
	var pusher *fanOut
	in := bufio.NewScanner(os.Stdin)
	for in.Scan() {
		var codecName string
		var size int
		if n, _ := fmt.Sscanf(in.Text(), "PUSH %s %d", &codecName, &size); n == 2 {
			pusher = startFanOut(ep, codecName, size)
			fmt.Fprintf(os.Stdout, "PUSHING %d\n", pusher.sessions)
			continue
		}
		switch in.Text() {
		case "PUSH_STOP":
			var n int64
			if pusher != nil {
				n = pusher.stop()
				pusher = nil
			}
			fmt.Fprintf(os.Stdout, "PUSHED %d\n", n)
		case "HEAP":
			fmt.Fprintf(os.Stdout, "HEAP %d\n", heapAfterGC())
		case "SESSIONS":
			fmt.Fprintf(os.Stdout, "SESSIONS %d\n", ep.CountSession())
		case "QUIT":
			os.Exit(0)
		default:
			fmt.Fprintf(os.Stdout, "ERR unknown command\n")
		}
	}
}

// fanOut pushes to every session from a goroutine per session: Push returns once the message is
// written, so each session is held back by its own connection, as the original's users push.
type fanOut struct {
	stopping atomic.Bool
	pushed   atomic.Int64
	wg       sync.WaitGroup
	sessions int
}

func startFanOut(ep drpc.Endpoint, codecName string, size int) *fanOut {
	f := &fanOut{}
	var body interface{} = payload(size)
	if codecName == "json" {
		body = &EchoBody{ID: 42, Name: "bench-echo", Data: payload(size)}
	}
	setting := message.WithBodyCodec(codecName)
	ep.RangeSession(func(sess drpc.Session) bool {
		f.sessions++
		f.wg.Add(1)
		go func() {
			defer f.wg.Done()
			for !f.stopping.Load() {
				if st := sess.Push("/bench/push", body, setting); !st.OK() {
					return
				}
				f.pushed.Add(1)
			}
		}()
		return true
	})
	return f
}

func (f *fanOut) stop() int64 {
	f.stopping.Store(true)
	f.wg.Wait()
	return f.pushed.Load()
}

func pushrecv(addr string, n int, codecName string) {
	drpc.SetServiceMethodMapper(func(prefix, name string) string {
		if name == "Bench_push_json" {
			return "/bench/push"
		}
		return drpc.HTTPServiceMethodMapper(prefix, name)
	})
	ep := drpc.NewEndpoint(drpc.EndpointConfig{PrintDetail: false})
	if codecName == "json" {
		ep.RoutePushFunc(Bench_push_json)
	} else {
		ep.RoutePushFunc(Bench_push)
	}
	held := make([]drpc.Session, 0, n)
	for i := 0; i < n; i++ {
		sess, stat := ep.Dial(addr, rawproto.NewRawProtoFunc())
		if !stat.OK() {
			fmt.Fprintf(os.Stdout, "READY error after %d sessions: %s\n", i, stat.String())
			return
		}
		held = append(held, sess)
	}
	fmt.Fprintf(os.Stdout, "READY %d\n", len(held))
	go func() { // a report every 20 ms, not on request: a request would queue behind the pushes
		for range time.Tick(20 * time.Millisecond) {
			n, at := delivered.Load(), time.Now().UnixNano()
			fmt.Fprintf(os.Stdout, "DELIVERED %d %d\n", n, at)
		}
	}()
	waitStdin()
	runtime.KeepAlive(held)
	ep.Close()
}

func payload(size int) []byte {
	b := make([]byte, size)
	x := uint64(0x9E3779B97F4A7C15)
	for i := range b {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		b[i] = byte(x)
	}
	return b
}

type result struct {
	Calls   int64   `json:"calls"`
	Seconds float64 `json:"seconds"`
	P50us   float64 `json:"p50us"`
	P99us   float64 `json:"p99us"`
	P999us  float64 `json:"p999us"`
	Errors  int64   `json:"errors"`
	First   string  `json:"firstError"`
	CPUNs   int64   `json:"cpuNs"`
}

func load(addr, route, codecName string, callers, size, warmupMs, measureMs int) {
	ep := drpc.NewEndpoint(drpc.EndpointConfig{PrintDetail: false})
	sess, stat := ep.Dial(addr, rawproto.NewRawProtoFunc())
	if !stat.OK() {
		out("RESULT", result{Errors: 1, First: stat.String()})
		return
	}
	body := payload(size)
	var measuring, stop atomic.Bool
	var errs atomic.Int64
	var firstErr atomic.Value
	lat := make([][]int64, callers)
	var wg sync.WaitGroup
	setting := message.WithBodyCodec(codecName)
	for c := 0; c < callers; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			mine := make([]int64, 0, 1<<16)
			for !stop.Load() {
				t0 := time.Now()
				var st *drpc.Status
				ok := false
				if codecName == "json" {
					var reply EchoBody
					st = sess.Call(route, &EchoBody{ID: 42, Name: "bench-echo", Data: body}, &reply, setting).Status()
					ok = len(reply.Data) == size
				} else {
					var reply []byte
					st = sess.Call(route, body, &reply, setting).Status()
					ok = len(reply) == size
				}
				d := time.Since(t0)
				if !st.OK() || !ok {
					errs.Add(1)
					if st.OK() {
						firstErr.CompareAndSwap(nil, "wrong echo length")
					} else {
						firstErr.CompareAndSwap(nil, st.String())
					}
					if errs.Load() > 1000 {
						return
					}
					continue
				}
				if measuring.Load() {
					mine = append(mine, d.Nanoseconds())
				}
			}
			lat[c] = mine
		}(c)
	}
	time.Sleep(time.Duration(warmupMs) * time.Millisecond)
	errsBefore := errs.Load()
	fmt.Fprintln(os.Stdout, "PHASE measure") // the harness samples the server's CPU at both edges
	cpu0 := cpuNanos()
	t0 := time.Now()
	measuring.Store(true)
	time.Sleep(time.Duration(measureMs) * time.Millisecond)
	measuring.Store(false)
	secs := time.Since(t0).Seconds()
	cpu1 := cpuNanos()
	fmt.Fprintln(os.Stdout, "PHASE done")
	stop.Store(true)
	wg.Wait()
	var all []int64
	for _, l := range lat {
		all = append(all, l...)
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	pct := func(p float64) float64 {
		if len(all) == 0 {
			return 0
		}
		i := int(p / 100 * float64(len(all)-1))
		return float64(all[i]) / 1000
	}
	r := result{Calls: int64(len(all)), Seconds: secs, P50us: pct(50), P99us: pct(99), P999us: pct(99.9),
		Errors: errs.Load() - errsBefore, CPUNs: cpu1 - cpu0}
	if v := firstErr.Load(); v != nil {
		r.First = v.(string)
	}
	out("RESULT", r)
	sess.Close()
	ep.Close()
}

// idle dials from local: drpc binds its LocalIP (0.0.0.0 by default) before it connects, and an
// explicit bind must find a port no other socket on that address holds, TIME_WAIT ones included; the
// harness's earlier systems leave thousands of those on 127.0.0.1, so it passes an address of its own.
func idle(addr string, n int, local string) {
	ep := drpc.NewEndpoint(drpc.EndpointConfig{PrintDetail: false, LocalIP: local})
	before := heapAfterGC()
	held := make([]drpc.Session, 0, n)
	for i := 0; i < n; i++ {
		sess, stat := ep.Dial(addr, rawproto.NewRawProtoFunc())
		if !stat.OK() {
			out("IDLE", map[string]interface{}{"error": stat.String(), "opened": i})
			return
		}
		held = append(held, sess)
	}
	after := heapAfterGC()
	out("IDLE", map[string]interface{}{"sessions": len(held), "heapBefore": before, "heapAfter": after})
	waitStdin()
	runtime.KeepAlive(held)
	ep.Close()
}

func waitStdin() {
	s := bufio.NewScanner(os.Stdin)
	for s.Scan() {
	}
}
