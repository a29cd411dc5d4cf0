package wasmsize

import (
	"bytes"
	"errors"
	"fmt"
)

// module is what the analysis needs from a WASM binary: each defined
// function's body (in index order after the imported ones), its name when
// the name section has one, and the data section's size.
type module struct {
	imported int               // imported functions come first in the index space
	bodies   [][]byte          // code section, one body per defined function
	names    map[uint32]string // function index → linker symbol name (sanitized)
	data     int64             // bytes of the data section
}

const (
	sectionCustom = 0
	sectionImport = 2
	sectionCode   = 10
	sectionData   = 11
)

var errShort = errors.New("wasmsize: the WASM ends early")

type reader struct {
	b []byte
	i int
}

func (r *reader) uleb() (uint64, error) {
	var v uint64
	for shift := 0; ; shift += 7 {
		if r.i >= len(r.b) {
			return 0, errShort
		}
		c := r.b[r.i]
		r.i++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v, nil
		}
		if shift > 56 {
			return 0, errors.New("wasmsize: a number in the WASM is too long")
		}
	}
}

func (r *reader) bytes(n uint64) ([]byte, error) {
	if uint64(len(r.b)-r.i) < n {
		return nil, errShort
	}
	b := r.b[r.i : r.i+int(n)]
	r.i += int(n)
	return b, nil
}

// sized reads a length and that many bytes: a name, a function body, a
// section or subsection.
func (r *reader) sized() ([]byte, error) {
	n, err := r.uleb()
	if err != nil {
		return nil, err
	}
	return r.bytes(n)
}

func (r *reader) name() (string, error) {
	b, err := r.sized()
	return string(b), err
}

func (r *reader) byte() (byte, error) {
	b, err := r.bytes(1)
	if err != nil {
		return 0, err
	}
	return b[0], nil
}

// parse reads the sections the analysis needs and skips the others.
func parse(b []byte) (*module, error) {
	if len(b) < 8 || !bytes.Equal(b[:4], []byte("\x00asm")) {
		return nil, errors.New("wasmsize: not a WebAssembly binary")
	}
	m := &module{names: map[uint32]string{}}
	r := &reader{b: b, i: 8}
	for r.i < len(b) {
		id, err := r.byte()
		if err != nil {
			return nil, err
		}
		body, err := r.sized()
		if err != nil {
			return nil, err
		}
		s := &reader{b: body}
		switch id {
		case sectionImport:
			err = m.readImports(s)
		case sectionCode:
			err = m.readCode(s)
		case sectionData:
			m.data = int64(len(body))
		case sectionCustom:
			if name, e := s.name(); e != nil {
				err = e
			} else if name == "name" {
				err = m.readNames(s)
			}
		}
		if err != nil {
			return nil, fmt.Errorf("section %d: %w", id, err)
		}
	}
	return m, nil
}

func (m *module) readImports(r *reader) error {
	count, err := r.uleb()
	if err != nil {
		return err
	}
	for range count {
		if _, err := r.name(); err != nil { // module
			return err
		}
		if _, err := r.name(); err != nil { // field
			return err
		}
		kind, err := r.byte()
		if err != nil {
			return err
		}
		switch kind {
		case 0: // function: type index
			m.imported++
			_, err = r.uleb()
		case 1: // table: element type, limits
			if _, err = r.byte(); err == nil {
				err = r.limits()
			}
		case 2: // memory: limits
			err = r.limits()
		case 3: // global: value type, mutability
			_, err = r.bytes(2)
		default:
			err = fmt.Errorf("wasmsize: unknown import kind %d", kind)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (r *reader) limits() error {
	flags, err := r.byte()
	if err != nil {
		return err
	}
	if _, err := r.uleb(); err != nil {
		return err
	}
	if flags&1 != 0 {
		_, err = r.uleb()
	}
	return err
}

func (m *module) readCode(r *reader) error {
	count, err := r.uleb()
	if err != nil {
		return err
	}
	m.bodies = make([][]byte, 0, count)
	for range count {
		body, err := r.sized()
		if err != nil {
			return err
		}
		m.bodies = append(m.bodies, body)
	}
	return nil
}

// readNames reads subsection 1 (function names) of the name section.
func (m *module) readNames(r *reader) error {
	for r.i < len(r.b) {
		sub, err := r.byte()
		if err != nil {
			return err
		}
		body, err := r.sized()
		if err != nil {
			return err
		}
		if sub != 1 {
			continue
		}
		s := &reader{b: body}
		count, err := s.uleb()
		if err != nil {
			return err
		}
		for range count {
			idx, err := s.uleb()
			if err != nil {
				return err
			}
			name, err := s.name()
			if err != nil {
				return err
			}
			m.names[uint32(idx)] = name
		}
	}
	return nil
}
