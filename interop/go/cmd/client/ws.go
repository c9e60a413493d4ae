package main

import (
	"github.com/dmicro-java/interop/internal/peer"
	"github.com/osgochina/dmicro/drpc"
	"github.com/osgochina/dmicro/drpc/mixer/websocket"
)

var wsClients = map[string]*websocket.Client{}

// dialWebSocket dials ws://<addr>/<proto> with the original's websocket mixer client: proto
// "json" is its jsonSubProto (DialJSON), "pb" its pbSubProto (DialProtobuf), any other a drpc
// proto carried one frame per WebSocket message.
func dialWebSocket(cmd command) (drpc.Session, *drpc.Status) {
	path := "/" + cmd.Proto
	mu.Lock()
	client, ok := wsClients[path]
	if !ok {
		client = websocket.NewClient(path, drpc.EndpointConfig{}, plugins...)
		peer.Routes(client.Endpoint)
		wsClients[path] = client
	}
	mu.Unlock()
	switch cmd.Proto {
	case "json":
		return client.DialJSON(cmd.Addr)
	case "pb":
		return client.DialProtobuf(cmd.Addr)
	}
	return client.Dial(cmd.Addr, peer.ProtoFunc(cmd.Proto))
}
