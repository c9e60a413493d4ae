// Package peer holds what the Go interop server and client share: the test routes (the same
// routes the Java counterpart registers), the plugin and filter switches, and the line protocol
// both programs print so the JUnit side can read them.
package peer

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"sync"

	"github.com/osgochina/dmicro/drpc"
	"github.com/osgochina/dmicro/drpc/status"
	"google.golang.org/protobuf/types/known/wrapperspb"
)

// Greeting is the body of the structured test routes; the tags name its fields the same way in
// every codec (json, xml, form).
type Greeting struct {
	XMLName struct{} `json:"-" xml:"Greeting" form:"-"`
	Name    string   `json:"name" xml:"name" form:"name"`
	N       int      `json:"n" xml:"n" form:"n"`
}

// Failure asks the /fail route for a status.
type Failure struct {
	Code  int32  `json:"code"`
	Msg   string `json:"msg"`
	Cause string `json:"cause"`
}

var outMu sync.Mutex

// Printf writes one line to stdout, whole (lines of concurrent goroutines never interleave).
func Printf(format string, args ...interface{}) {
	outMu.Lock()
	defer outMu.Unlock()
	fmt.Fprintf(os.Stdout, format+"\n", args...)
}

// Emit writes "<kind> <json>" for the test to read.
func Emit(kind string, v interface{}) {
	b, _ := json.Marshal(v)
	Printf("%s %s", kind, b)
}

// Routes registers the shared test routes on an endpoint.
func Routes(ep drpc.Endpoint) {
	ep.RouteCallFunc(Echo)
	ep.RouteCallFunc(Echo_text)
	ep.RouteCallFunc(Echo_pb)
	ep.RouteCallFunc(Echo_bytes)
	ep.RouteCallFunc(Fail)
	ep.RouteCallFunc(Meta)
	ep.RouteCallFunc(Call_back)
	ep.RouteCallFunc(Seq)
	ep.RoutePushFunc(Push_in)
	ep.RoutePushFunc(Pushed)
}

// Echo (/echo) greets: name "x" becomes "hello x" and n becomes n+1.
func Echo(_ drpc.CallCtx, arg *Greeting) (*Greeting, *drpc.Status) {
	return &Greeting{Name: "hello " + arg.Name, N: arg.N + 1}, nil
}

// Echo_text (/echo/text) greets a plain-codec string.
func Echo_text(_ drpc.CallCtx, arg *string) (string, *drpc.Status) {
	return "hello " + *arg, nil
}

// Echo_pb (/echo/pb) greets a protobuf google.protobuf.StringValue.
func Echo_pb(_ drpc.CallCtx, arg *wrapperspb.StringValue) (*wrapperspb.StringValue, *drpc.Status) {
	return wrapperspb.String("hello " + arg.GetValue()), nil
}

// Echo_bytes (/echo/bytes) returns the body it got, unchanged.
func Echo_bytes(_ drpc.CallCtx, arg *[]byte) ([]byte, *drpc.Status) {
	return *arg, nil
}

// Fail (/fail) answers with the status it is asked for.
func Fail(_ drpc.CallCtx, arg *Failure) (interface{}, *drpc.Status) {
	return nil, status.New(arg.Code, arg.Msg, arg.Cause)
}

// Meta (/meta) returns the metadata it got (values as text) and sets "reply-k" on its reply.
func Meta(ctx drpc.CallCtx, _ *struct{}) (map[string]string, *drpc.Status) {
	out := map[string]string{}
	ctx.VisitMeta(func(k, v interface{}) bool {
		out[fmt.Sprint(k)] = fmt.Sprint(v)
		return true
	})
	ctx.SetMeta("reply-k", "<v&>")
	return out, nil
}

// Call_back (/call/back) calls /echo on the caller (the server calling its client) and returns the
// answer.
func Call_back(ctx drpc.CallCtx, arg *Greeting) (*Greeting, *drpc.Status) {
	var reply Greeting
	stat := ctx.Session().Call("/echo", arg, &reply).Status()
	if !stat.OK() {
		return nil, stat
	}
	return &reply, nil
}

// Seq (/seq) returns the seq of the call it answers.
func Seq(ctx drpc.CallCtx, _ *struct{}) (int32, *drpc.Status) {
	return ctx.Seq(), nil
}

// Push_in (/push/in) pushes the greeting back to its sender as /pushed.
func Push_in(ctx drpc.PushCtx, arg *Greeting) *drpc.Status {
	return ctx.Session().Push("/pushed", &Greeting{Name: "pushed " + arg.Name, N: arg.N + 1})
}

// Pushed (/pushed) reports a push it got as a line "PUSHED {json}".
func Pushed(_ drpc.PushCtx, arg *Greeting) *drpc.Status {
	Emit("PUSHED", arg)
	return nil
}

// SortedKeys lists a map's keys in order.
func SortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
