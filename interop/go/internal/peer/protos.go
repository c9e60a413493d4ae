package peer

import (
	"fmt"

	"github.com/osgochina/dmicro/drpc/proto"
	"github.com/osgochina/dmicro/drpc/proto/httpproto"
	"github.com/osgochina/dmicro/drpc/proto/jsonproto"
	"github.com/osgochina/dmicro/drpc/proto/jsonrpcproto"
	"github.com/osgochina/dmicro/drpc/proto/pbproto"
	"github.com/osgochina/dmicro/drpc/proto/rawproto"
)

// ProtoFunc names the original's protos as the Java side names them.
func ProtoFunc(name string) proto.ProtoFunc {
	switch name {
	case "raw":
		return rawproto.NewRawProtoFunc()
	case "json":
		return jsonproto.NewJSONProtoFunc()
	case "protobuf":
		return pbproto.NewPbProtoFunc()
	case "jsonrpc":
		return jsonrpcproto.NewJSONRPCProtoFunc()
	case "http":
		return httpproto.NewHTTProtoFunc()
	}
	panic(fmt.Sprintf("unknown proto %q", name))
}
