package hsharness

// Place is where and as whom a new server runs: what every harness's Start
// settles before its server's own steps (install or build, keys, config).
type Place struct {
	Addr         string // loopback host:port; "" picks a free port
	Dir          string // data folder; "" makes a temporary one
	TempDir      bool   // Dir was made here, to be removed on Stop
	ServerName   string // the domain in user IDs; "" means Addr
	SharedSecret string // for shared-secret registration; "" makes one
}

// Settle fills in p's defaults: a loopback address (refusing any other), an
// absolute data folder that exists, the server name and a shared secret.
// Before the folder is used, stopStale(dir) stops a server an earlier run
// left on it. kind ("synapse", "dendrite") starts the error sentences and
// names a temporary folder.
func Settle(kind string, p Place, stopStale func(dir string)) (Place, error) {
	addr, err := LoopbackAddr(kind, p.Addr)
	if err != nil {
		return Place{}, err
	}
	p.Addr = addr
	if p.Dir, p.TempDir, err = DataDir(kind+"-", p.Dir); err != nil {
		return Place{}, err
	}
	stopStale(p.Dir)
	if p.ServerName == "" {
		p.ServerName = p.Addr
	}
	if p.SharedSecret == "" {
		p.SharedSecret = RandomHex(16)
	}
	return p, nil
}
