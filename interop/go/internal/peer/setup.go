package peer

import (
	"crypto/tls"
	"flag"
	"strconv"
	"strings"

	"github.com/osgochina/dmicro/drpc"
	"github.com/osgochina/dmicro/drpc/plugin/auth"
	"github.com/osgochina/dmicro/drpc/plugin/heartbeat"
	"github.com/osgochina/dmicro/drpc/plugin/securebody"
	"github.com/osgochina/dmicro/drpc/tfilter"
	"github.com/osgochina/dmicro/utils"
)

// Flags are the switches both programs take.
type Flags struct {
	Plugins *string
	AesKey  *string
}

// RegisterFlags declares the shared flags.
func RegisterFlags() Flags {
	return Flags{
		Plugins: flag.String("plugins", "", "comma-separated: ping-call:SECONDS, ping-push:SECONDS, pong, bearer:TOKEN, checker:TOKEN, secure:KEY"),
		AesKey:  flag.String("aeskey", "0123456789abcdef", "key of the aes transfer filter ('a')"),
	}
}

// Setup registers the transfer filters the original ships (gzip 'z', md5 '5', aes 'a') and
// returns the plugins the flags ask for.
func (f Flags) Setup() []drpc.Plugin {
	tfilter.RegGzip(5)
	tfilter.RegMD5()
	tfilter.RegAES([]byte(*f.AesKey))
	var plugins []drpc.Plugin
	for _, spec := range strings.Split(*f.Plugins, ",") {
		if spec == "" {
			continue
		}
		name, arg, _ := strings.Cut(spec, ":")
		switch name {
		case "ping-call", "ping-push":
			rate, _ := strconv.Atoi(arg)
			plugins = append(plugins, heartbeat.NewPing(rate, name == "ping-call"))
		case "pong":
			plugins = append(plugins, heartbeat.NewPong())
		case "bearer":
			token := arg
			plugins = append(plugins, auth.NewBearerPlugin(func(sess auth.Session, send auth.SendOnce) *drpc.Status {
				var reply interface{}
				return send(token, &reply)
			}))
		case "checker":
			token := arg
			plugins = append(plugins, auth.NewCheckerPlugin(func(sess auth.Session, recv auth.ReCvOnce) (interface{}, *drpc.Status) {
				var got string
				if stat := recv(&got); !stat.OK() {
					return nil, stat
				}
				if got != token {
					return nil, drpc.NewStatus(drpc.CodeUnauthorized, drpc.CodeText(drpc.CodeUnauthorized), "invalid token")
				}
				return "welcome", nil
			}))
		case "secure":
			plugins = append(plugins, securebody.NewSecureBodyPlugin(arg))
		default:
			panic("unknown plugin " + spec)
		}
	}
	return plugins
}

// ServerTLS is a self-signed certificate for QUIC, as the original makes one when none is given.
func ServerTLS(alpn string) *tls.Config {
	conf := utils.GenerateTLSConfigForServer()
	conf.NextProtos = []string{alpn}
	return conf
}
