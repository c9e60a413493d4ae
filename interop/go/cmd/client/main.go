// Command client is a Go DMicro (v1.3.1) endpoint driven by JSON commands on stdin, one per line.
// It answers each with "RESULT <id> <json>" and reports pushes it receives as "PUSHED <json>".
// It serves the same test routes as the server, so the peer it dials can call it back.
//
// A command: {"id":"1","op":"call","network":"tcp","addr":"127.0.0.1:9000","proto":"raw",
// "route":"/echo","body":"greeting","codec":"j","name":"x","n":1,"meta":{"k":"v"},"filters":"z"}
// ops: call, push, concurrent (count calls of /echo at once), close (the session of the command).
package main

import (
	"bufio"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/dmicro-java/interop/internal/peer"
	"github.com/osgochina/dmicro/drpc"
	"github.com/osgochina/dmicro/drpc/message"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

type command struct {
	ID      string            `json:"id"`
	Op      string            `json:"op"`
	Network string            `json:"network"`
	Addr    string            `json:"addr"`
	Proto   string            `json:"proto"`
	Route   string            `json:"route"`
	Body    string            `json:"body"`
	Codec   string            `json:"codec"`
	Name    string            `json:"name"`
	N       int               `json:"n"`
	Size    int               `json:"size"`
	Code    int32             `json:"code"`
	Meta    map[string]string `json:"meta"`
	Filters string            `json:"filters"`
	Count   int               `json:"count"`
}

type result struct {
	Code  int32             `json:"code"`
	Msg   string            `json:"msg"`
	Cause string            `json:"cause"`
	Body  interface{}       `json:"body,omitempty"`
	Meta  map[string]string `json:"meta,omitempty"`
	Codec string            `json:"codec,omitempty"`
}

var (
	alpn      string
	plugins   []drpc.Plugin
	endpoints = map[string]drpc.Endpoint{}
	sessions  = map[string]drpc.Session{}
	mu        sync.Mutex
)

func main() {
	shared := peer.RegisterFlags()
	flagALPN := flagString("alpn", "drpc", "QUIC ALPN")
	redial := flagInt("redial", 0, "redial times of dialed sessions")
	parse()
	alpn = *flagALPN
	plugins = shared.Setup()
	redialTimes = *redial
	peer.Printf("READY")
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 64<<20)
	for in.Scan() {
		var cmd command
		if err := json.Unmarshal(in.Bytes(), &cmd); err != nil {
			peer.Printf("BAD %v", err)
			continue
		}
		go run(cmd)
	}
}

var redialTimes int

func endpoint(network string) drpc.Endpoint {
	mu.Lock()
	defer mu.Unlock()
	if ep, ok := endpoints[network]; ok {
		return ep
	}
	cfg := drpc.EndpointConfig{Network: network, RedialTimes: redialTimes, RedialInterval: 100 * time.Millisecond}
	ep := drpc.NewEndpoint(cfg, plugins...)
	if network == "quic" {
		ep.SetTLSConfig(&tls.Config{InsecureSkipVerify: true, NextProtos: []string{alpn}})
	}
	peer.Routes(ep)
	endpoints[network] = ep
	return ep
}

func session(cmd command) (drpc.Session, *drpc.Status) {
	key := cmd.Network + "|" + cmd.Addr + "|" + cmd.Proto
	mu.Lock()
	sess, ok := sessions[key]
	mu.Unlock()
	if ok && sess.Health() {
		return sess, nil
	}
	var stat *drpc.Status
	if cmd.Network == "ws" {
		sess, stat = dialWebSocket(cmd)
	} else {
		sess, stat = endpoint(cmd.Network).Dial(cmd.Addr, peer.ProtoFunc(cmd.Proto))
	}
	if !stat.OK() {
		return nil, stat
	}
	mu.Lock()
	sessions[key] = sess
	mu.Unlock()
	return sess, nil
}

func settings(cmd command) []message.MsgSetting {
	var s []message.MsgSetting
	if cmd.Codec != "" {
		s = append(s, message.WithBodyCodec(codecName(cmd.Codec)))
	}
	for _, k := range peer.SortedKeys(cmd.Meta) {
		s = append(s, message.WithSetMeta(k, cmd.Meta[k]))
	}
	if cmd.Filters != "" {
		s = append(s, message.WithTFilterPipe([]byte(cmd.Filters)...))
	}
	return s
}

func codecName(id string) string {
	switch id {
	case "j":
		return "json"
	case "p":
		return "protobuf"
	case "f":
		return "form"
	case "s":
		return "plain"
	case "x":
		return "xml"
	}
	return id
}

// bodies gives the argument and an empty reply of the kind the command names.
func bodies(cmd command) (interface{}, interface{}) {
	switch cmd.Body {
	case "greeting":
		return &peer.Greeting{Name: cmd.Name, N: cmd.N}, &peer.Greeting{}
	case "pb":
		return wrapperspb.String(cmd.Name), &wrapperspb.StringValue{}
	case "text":
		return cmd.Name, new(string)
	case "bytes":
		b := []byte(strings.Repeat("x", cmd.Size))
		return b, new([]byte)
	case "failure":
		return &peer.Failure{Code: cmd.Code, Msg: cmd.Name, Cause: "cause " + cmd.Name}, new(interface{})
	case "map":
		return map[string]string{}, new(map[string]string)
	}
	return nil, new(interface{})
}

func run(cmd command) {
	res := result{}
	defer func() { peer.Emit("RESULT "+cmd.ID, res) }()
	fail := func(stat *drpc.Status) {
		res.Code, res.Msg, res.Cause = stat.Code(), stat.Msg(), stat.Cause().Error()
		if stat.Cause() == nil {
			res.Cause = ""
		}
	}
	sess, stat := session(cmd)
	if !stat.OK() {
		fail(stat)
		return
	}
	switch cmd.Op {
	case "call":
		arg, reply := bodies(cmd)
		call := sess.Call(cmd.Route, arg, reply, settings(cmd)...)
		if !call.StatusOK() {
			fail(call.Status())
			return
		}
		res.Body = describe(reply, cmd.Body)
		res.Codec = string([]byte{call.InputBodyCodec()})
		res.Meta = map[string]string{}
		call.InputMeta().Iterator(func(k, v interface{}) bool {
			res.Meta[fmt.Sprint(k)] = fmt.Sprint(v)
			return true
		})
	case "push":
		arg, _ := bodies(cmd)
		if stat := sess.Push(cmd.Route, arg, settings(cmd)...); !stat.OK() {
			fail(stat)
		}
	case "concurrent":
		var wg sync.WaitGroup
		var bad sync.Map
		for i := 0; i < cmd.Count; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				var reply peer.Greeting
				name := fmt.Sprintf("c%d", i)
				stat := sess.Call("/echo", &peer.Greeting{Name: name, N: i}, &reply, settings(cmd)...).Status()
				if !stat.OK() || reply.Name != "hello "+name || reply.N != i+1 {
					bad.Store(i, fmt.Sprintf("%v %+v", stat, reply))
				}
			}(i)
		}
		wg.Wait()
		wrong := 0
		bad.Range(func(_, v interface{}) bool { wrong++; res.Msg = fmt.Sprint(v); return true })
		res.Body = map[string]int{"ok": cmd.Count - wrong, "wrong": wrong}
	case "close":
		_ = sess.Close()
	default:
		res.Code, res.Msg = -1, "unknown op "+cmd.Op
	}
}

func describe(reply interface{}, kind string) interface{} {
	switch r := reply.(type) {
	case *wrapperspb.StringValue:
		return r.GetValue()
	case *string:
		return *r
	case *[]byte:
		return map[string]interface{}{"size": len(*r), "allX": strings.Count(string(*r), "x") == len(*r)}
	}
	return reply
}
