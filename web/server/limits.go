package server

import (
	"net"
	"sync"
	"time"
)

// Limits bound what one client can hold of the server: a reader that takes
// 34 KB in 45 s held a connection all that time, and nothing capped how
// many such connections there could be.
type Limits struct {
	// ReadHeader is how long a client may take to send a request's headers.
	ReadHeader time.Duration
	// Write is how long writing one response may take: the largest file
	// (main.wasm, 17.6 MB; 3 MB as brotli) at a slow 1 Mbit/s is 25 s.
	Write time.Duration
	// Idle is how long a kept-alive connection may wait for its next request.
	Idle time.Duration
	// Conns caps the connections open at once; more wait to be accepted.
	Conns int
}

// DefaultLimits are what Serve uses.
var DefaultLimits = Limits{ReadHeader: 10 * time.Second, Write: 2 * time.Minute, Idle: 30 * time.Second, Conns: 256}

// limitListener accepts at most n connections at once: Accept waits until
// one closes (as golang.org/x/net/netutil.LimitListener does).
type limitListener struct {
	net.Listener
	slots chan struct{}
	done  chan struct{}
	once  sync.Once
}

func newLimitListener(ln net.Listener, n int) *limitListener {
	return &limitListener{Listener: ln, slots: make(chan struct{}, n), done: make(chan struct{})}
}

func (l *limitListener) Accept() (net.Conn, error) {
	select {
	case l.slots <- struct{}{}:
	case <-l.done:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitConn{Conn: c, release: func() { <-l.slots }}, nil
}

func (l *limitListener) Close() error {
	l.once.Do(func() { close(l.done) })
	return l.Listener.Close()
}

// limitConn gives its slot back once, when it is closed.
type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
