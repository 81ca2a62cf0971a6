// Command tlogcheck checks an Urna ledger with code nobody on the project wrote: Go's
// golang.org/x/mod/sumdb/note (the log's checkpoint signature), golang.org/x/mod/sumdb/tlog
// (tiles, tree hash, inclusion proofs) and crypto/ed25519 (the validators' cosignatures, whose
// key IDs it recomputes from the C2SP tlog-cosignature rule).
//
// It reads a ledger's C2SP resources either from a validator over HTTP (-url) or from a folder
// laid out like the URL paths (-dir). With -url and -mirror it saves every resource it read into
// the mirror folder, so that a test can tamper with a copy and check it again with -dir.
//
// Checks, in order, each failure printed with its name and the program exiting 1:
//
//	policy      the tlog-policy parses; every vkey's key ID is SHA-256(name || 0x0A || type || key)[:4]
//	checkpoint  signed by a log key of the policy (sumdb/note), origin line, size, root
//	cosignature at least the quorum of distinct witnesses cosigned it, each signature verifying
//	tiles       the hash tiles hash up to the checkpoint's root (sumdb/tlog TileHashReader, TreeHash)
//	entries     every entry bundle's entries hash to the level-0 hashes (tlog.RecordHash)
//	proofs      each ballot's tlog-proof file: its extra is the entry, its inclusion proof checks
//
// With -record DIR it checks the ledger part of an election record instead (docs/spec/election-record.md:
// DIR holds policy.txt, checkpoints/<size> and tile/entries/...; no hash tiles, no proof files):
//
//	policy      as above
//	checkpoint  every checkpoints/<size>: signed by a log key (sumdb/note), its size its file name
//	cosignature every one cosigned by the quorum, key IDs recomputed, signatures verifying
//	entries     the entries hash (tlog.StoredHashes, tlog.TreeHash) to every checkpoint's root
//	proofs      every entry's inclusion proof (tlog.ProveRecord) checks against the largest
//	            checkpoint's root (tlog.CheckRecord)
//
// Usage: go run main.go (-url http://127.0.0.1:8081 [-mirror DIR] | -dir DIR | -record DIR)
package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const (
	algEd25519     = 0x01
	algCosignature = 0x04
	tileHeight     = 8
)

var (
	baseURL = flag.String("url", "", "a validator's base URL")
	dir     = flag.String("dir", "", "a folder laid out like the URL paths")
	mirror  = flag.String("mirror", "", "with -url: save every resource read into this folder")
	record  = flag.String("record", "", "the ledger folder of an election record")
)

func fail(step string, format string, args ...interface{}) {
	fmt.Printf("FAIL %-11s %s\n", step, fmt.Sprintf(format, args...))
	os.Exit(1)
}

func ok(step string, format string, args ...interface{}) {
	fmt.Printf("ok   %-11s %s\n", step, fmt.Sprintf(format, args...))
}

// fetch reads one resource by its URL path (no leading slash).
func fetch(path string) ([]byte, error) {
	if *dir != "" {
		return os.ReadFile(filepath.Join(*dir, filepath.FromSlash(path)))
	}
	resp, err := http.Get(strings.TrimSuffix(*baseURL, "/") + "/" + path)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("GET /%s: HTTP %d", path, resp.StatusCode)
	}
	if *mirror != "" {
		file := filepath.Join(*mirror, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(file, body, 0o644); err != nil {
			return nil, err
		}
	}
	return body, nil
}

type vkey struct {
	name string
	id   uint32
	alg  byte
	key  ed25519.PublicKey
	text string
}

// parseVkey reads name+hexid+base64(alg||key) and checks the key ID against the C2SP rule.
func parseVkey(s string) (vkey, error) {
	parts := strings.SplitN(s, "+", 3)
	if len(parts) != 3 {
		return vkey{}, errors.New("a vkey has three fields separated by '+'")
	}
	id, err := strconv.ParseUint(parts[1], 16, 32)
	if err != nil || len(parts[1]) != 8 {
		return vkey{}, errors.New("the key ID is not 8 hex digits")
	}
	raw, err := base64.StdEncoding.DecodeString(parts[2])
	if err != nil || len(raw) != 1+ed25519.PublicKeySize {
		return vkey{}, errors.New("the key is not base64 of a type byte and 32 bytes")
	}
	h := sha256.Sum256(append(append([]byte(parts[0]+"\n"), raw[0]), raw[1:]...))
	if binary.BigEndian.Uint32(h[:4]) != uint32(id) {
		return vkey{}, fmt.Errorf("key ID %s is not SHA-256(name || 0x0A || type || key)[:4] = %x", parts[1], h[:4])
	}
	return vkey{name: parts[0], id: uint32(id), alg: raw[0], key: ed25519.PublicKey(raw[1:]), text: s}, nil
}

type policy struct {
	logs      []vkey
	witnesses map[string]vkey
	quorum    int
}

func parsePolicy(text string) (policy, error) {
	p := policy{witnesses: map[string]vkey{}}
	groups := map[string]int{}
	quorumName := ""
	for _, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		switch f[0] {
		case "log":
			k, err := parseVkey(f[1])
			if err != nil {
				return p, fmt.Errorf("log %s: %v", f[1], err)
			}
			if k.alg != algEd25519 {
				return p, fmt.Errorf("log key %s is not of type 0x01", k.name)
			}
			p.logs = append(p.logs, k)
		case "witness":
			if len(f) < 3 {
				return p, errors.New("a witness line names the witness and its vkey")
			}
			k, err := parseVkey(f[2])
			if err != nil {
				return p, fmt.Errorf("witness %s: %v", f[1], err)
			}
			if k.alg != algCosignature {
				return p, fmt.Errorf("witness key %s is not of type 0x04", k.name)
			}
			p.witnesses[f[1]] = k
		case "group":
			n, err := strconv.Atoi(f[2])
			if err != nil {
				return p, fmt.Errorf("group %s: threshold %q", f[1], f[2])
			}
			groups[f[1]] = n
		case "quorum":
			quorumName = f[1]
		}
	}
	q, found := groups[quorumName]
	if !found || len(p.logs) == 0 || len(p.witnesses) == 0 {
		return p, errors.New("the policy has no log, no witness or no quorum group")
	}
	p.quorum = q
	return p, nil
}

func main() {
	flag.Parse()
	if *record != "" && *baseURL == "" && *dir == "" {
		checkRecord(*record)
		return
	}
	if (*baseURL == "") == (*dir == "") {
		fmt.Println("usage: tlogcheck (-url URL [-mirror DIR] | -dir DIR | -record DIR)")
		os.Exit(2)
	}

	// policy
	policyText, err := fetch("policy")
	if err != nil {
		fail("policy", "%v", err)
	}
	pol, err := parsePolicy(string(policyText))
	if err != nil {
		fail("policy", "%v", err)
	}
	ok("policy", "%d log keys, %d witnesses, quorum %d", len(pol.logs), len(pol.witnesses), pol.quorum)

	// checkpoint: the log signature by sumdb/note
	cpText, err := fetch("checkpoint")
	if err != nil {
		fail("checkpoint", "%v", err)
	}
	var verifiers []note.Verifier
	for _, k := range pol.logs {
		v, err := note.NewVerifier(k.text)
		if err != nil {
			fail("checkpoint", "note.NewVerifier(%s): %v", k.name, err)
		}
		verifiers = append(verifiers, v)
	}
	n, err := note.Open(cpText, note.VerifierList(verifiers...))
	if err != nil {
		fail("checkpoint", "note.Open: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n")
	if len(lines) < 3 {
		fail("checkpoint", "a checkpoint has an origin, a size and a root")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 {
		fail("checkpoint", "size %q", lines[1])
	}
	rootBytes, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(rootBytes) != tlog.HashSize {
		fail("checkpoint", "root %q", lines[2])
	}
	var root tlog.Hash
	copy(root[:], rootBytes)
	if lines[0] != pol.logs[0].name {
		fail("checkpoint", "origin %q is not the log key's name %q", lines[0], pol.logs[0].name)
	}
	ok("checkpoint", "%s size %d signed by %s", lines[0], size, n.Sigs[0].Name)

	// cosignature: C2SP tlog-cosignature/v1, checked here with crypto/ed25519
	cosigned, err := checkCosignatures(n, pol)
	if err != nil {
		fail("cosignature", "%v", err)
	}
	ok("cosignature", "%d of %d witnesses cosigned (quorum %d)", cosigned, len(pol.witnesses), pol.quorum)

	// tiles: sumdb/tlog checks every tile it reads against the tree
	tree := tlog.Tree{N: size, Hash: root}
	reader := tlog.TileHashReader(tree, tileReader{})
	th, err := tlog.TreeHash(size, reader)
	if err != nil {
		fail("tiles", "%v", err)
	}
	if th != root {
		fail("tiles", "the tiles hash to %v, the checkpoint says %v", th, root)
	}
	ok("tiles", "the hash tiles give the checkpoint's root %v", root)

	// entries: each bundle's entries against the proven level-0 hashes
	var entries [][]byte
	for start := int64(0); start < size; start += 1 << tileHeight {
		width := size - start
		if width > 1<<tileHeight {
			width = 1 << tileHeight
		}
		t := tlog.Tile{H: tileHeight, L: -1, N: start >> tileHeight, W: int(width)}
		data, err := fetch(c2spPath(t))
		if err != nil {
			fail("entries", "%v", err)
		}
		bundle, err := splitBundle(data)
		if err != nil {
			fail("entries", "bundle %d: %v", t.N, err)
		}
		if int64(len(bundle)) != width {
			fail("entries", "bundle %d holds %d entries, expected %d", t.N, len(bundle), width)
		}
		indexes := make([]int64, width)
		for i := range indexes {
			indexes[i] = tlog.StoredHashIndex(0, start+int64(i))
		}
		hashes, err := reader.ReadHashes(indexes)
		if err != nil {
			fail("entries", "%v", err)
		}
		for i, e := range bundle {
			if tlog.RecordHash(e) != hashes[i] {
				fail("entries", "entry %d does not hash to the tree's leaf %d", start+int64(i), start+int64(i))
			}
		}
		entries = append(entries, bundle...)
	}
	ok("entries", "all %d entries hash to the tree's leaves", len(entries))

	// proofs: the tlog-proof file of every ballot, by ballot id
	checked := 0
	for i, e := range entries {
		// leaf = 0x01 || code (32) || recorded ballot: u8 version, u32 body length, body with
		// u8 version, Q (32), ballot id (16)
		const idAt = 1 + 32 + 1 + 4 + 1 + 32
		if len(e) < idAt+16 || e[0] != 0x01 {
			continue
		}
		id := hex.EncodeToString(e[idAt : idAt+16])
		data, err := fetch("v1/proof/ballot/" + id)
		if err != nil {
			fail("proofs", "ballot %s: %v", id, err)
		}
		if err := checkProof(data, e, int64(i), pol, verifiers); err != nil {
			fail("proofs", "ballot %s (entry %d): %v", id, i, err)
		}
		checked++
	}
	ok("proofs", "%d tlog-proof files check against their cosigned checkpoints", checked)
	fmt.Printf("verified %d entries\n", len(entries))
}

// checkProof checks one c2sp.org/tlog-proof@v1 file for an entry at an index.
func checkProof(data, entry []byte, index int64, pol policy, verifiers []note.Verifier) error {
	text := string(data)
	blank := strings.Index(text, "\n\n")
	if blank < 0 {
		return errors.New("no blank line before the checkpoint")
	}
	head := strings.Split(text[:blank], "\n")
	if head[0] != "c2sp.org/tlog-proof@v1" {
		return errors.New("not a tlog-proof file")
	}
	i := 1
	if i < len(head) && strings.HasPrefix(head[i], "extra ") {
		extra, err := base64.StdEncoding.DecodeString(head[i][6:])
		if err != nil {
			return errors.New("extra is not base64")
		}
		if !bytes.Equal(extra, entry) {
			return errors.New("extra is not the entry")
		}
		i++
	}
	if i >= len(head) || head[i] != "index "+strconv.FormatInt(index, 10) {
		return fmt.Errorf("the index line is not %d", index)
	}
	var proof tlog.RecordProof
	for _, l := range head[i+1:] {
		h, err := base64.StdEncoding.DecodeString(l)
		if err != nil || len(h) != tlog.HashSize {
			return fmt.Errorf("proof hash %q", l)
		}
		var x tlog.Hash
		copy(x[:], h)
		proof = append(proof, x)
	}
	n, err := note.Open([]byte(text[blank+2:]), note.VerifierList(verifiers...))
	if err != nil {
		return fmt.Errorf("its checkpoint: %v", err)
	}
	lines := strings.Split(n.Text, "\n")
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil {
		return errors.New("its checkpoint's size")
	}
	rootBytes, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(rootBytes) != tlog.HashSize {
		return errors.New("its checkpoint's root")
	}
	var root tlog.Hash
	copy(root[:], rootBytes)
	return tlog.CheckRecord(proof, size, root, index, tlog.RecordHash(entry))
}

// splitBundle reads a C2SP entry bundle: big-endian u16 length || entry, repeated.
func splitBundle(data []byte) ([][]byte, error) {
	var out [][]byte
	for len(data) > 0 {
		if len(data) < 2 {
			return nil, errors.New("a truncated length")
		}
		n := int(binary.BigEndian.Uint16(data))
		if len(data) < 2+n {
			return nil, errors.New("a truncated entry")
		}
		out = append(out, data[2:2+n])
		data = data[2+n:]
	}
	return out, nil
}

// c2spPath turns sumdb's tile path (tile/8/L/N[.p/W], data tiles as L "data") into the C2SP
// tlog-tiles path (tile/L/N[.p/W], entry bundles as tile/entries/N[.p/W]).
func c2spPath(t tlog.Tile) string {
	p := strings.TrimPrefix(t.Path(), "tile/8/")
	p = strings.Replace(p, "data/", "entries/", 1)
	return "tile/" + p
}

type tileReader struct{}

func (tileReader) Height() int { return tileHeight }

func (tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		data, err := fetch(c2spPath(t))
		if err != nil {
			return nil, err
		}
		out[i] = data
	}
	return out, nil
}

func (tileReader) SaveTiles([]tlog.Tile, [][]byte) {}

// checkCosignatures counts the distinct witnesses of the policy whose C2SP cosignature/v1 on the
// note verifies (crypto/ed25519), failing on one that names a witness's key ID and does not verify,
// and on fewer than the quorum.
func checkCosignatures(n *note.Note, pol policy) (int, error) {
	cosigned := map[string]bool{}
	for _, s := range n.UnverifiedSigs {
		raw, err := base64.StdEncoding.DecodeString(s.Base64)
		if err != nil || len(raw) != 4+8+ed25519.SignatureSize {
			continue
		}
		id := binary.BigEndian.Uint32(raw[:4])
		ts := binary.BigEndian.Uint64(raw[4:12])
		for wname, w := range pol.witnesses {
			if w.name != s.Name || w.id != id {
				continue
			}
			msg := []byte(fmt.Sprintf("cosignature/v1\ntime %d\n%s", ts, n.Text))
			if !ed25519.Verify(w.key, msg, raw[12:]) {
				return 0, fmt.Errorf("the cosignature of %s does not verify", wname)
			}
			cosigned[wname] = true
		}
	}
	if len(cosigned) < pol.quorum {
		return 0, fmt.Errorf("%d witnesses cosigned, the quorum is %d", len(cosigned), pol.quorum)
	}
	return len(cosigned), nil
}

// memoryHashes is a tlog.HashReader over the stored hashes of a tree held in memory.
type memoryHashes []tlog.Hash

func (m memoryHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(m)) {
			return nil, fmt.Errorf("no stored hash %d", x)
		}
		out[i] = m[x]
	}
	return out, nil
}

type recordCheckpoint struct {
	size int64
	root tlog.Hash
}

// checkRecord checks the ledger folder of an election record (see the comment at the top).
func checkRecord(folder string) {
	policyText, err := os.ReadFile(filepath.Join(folder, "policy.txt"))
	if err != nil {
		fail("policy", "%v", err)
	}
	pol, err := parsePolicy(string(policyText))
	if err != nil {
		fail("policy", "%v", err)
	}
	ok("policy", "%d log keys, %d witnesses, quorum %d", len(pol.logs), len(pol.witnesses), pol.quorum)
	var verifiers []note.Verifier
	for _, k := range pol.logs {
		v, err := note.NewVerifier(k.text)
		if err != nil {
			fail("checkpoint", "note.NewVerifier(%s): %v", k.name, err)
		}
		verifiers = append(verifiers, v)
	}
	files, err := os.ReadDir(filepath.Join(folder, "checkpoints"))
	if err != nil || len(files) == 0 {
		fail("checkpoint", "no checkpoints folder or no checkpoint in it")
	}
	var cps []recordCheckpoint
	largest := recordCheckpoint{size: -1}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(folder, "checkpoints", f.Name()))
		if err != nil {
			fail("checkpoint", "%v", err)
		}
		n, err := note.Open(data, note.VerifierList(verifiers...))
		if err != nil {
			fail("checkpoint", "checkpoints/%s: note.Open: %v", f.Name(), err)
		}
		lines := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n")
		if len(lines) < 3 || lines[1] != f.Name() {
			fail("checkpoint", "checkpoints/%s does not hold a checkpoint of that size", f.Name())
		}
		if lines[0] != pol.logs[0].name {
			fail("checkpoint", "checkpoints/%s: origin %q is not the log key's name", f.Name(), lines[0])
		}
		size, err := strconv.ParseInt(lines[1], 10, 64)
		if err != nil || size < 0 {
			fail("checkpoint", "checkpoints/%s: size %q", f.Name(), lines[1])
		}
		rootBytes, err := base64.StdEncoding.DecodeString(lines[2])
		if err != nil || len(rootBytes) != tlog.HashSize {
			fail("checkpoint", "checkpoints/%s: root %q", f.Name(), lines[2])
		}
		var root tlog.Hash
		copy(root[:], rootBytes)
		if _, err := checkCosignatures(n, pol); err != nil {
			fail("cosignature", "checkpoints/%s: %v", f.Name(), err)
		}
		cp := recordCheckpoint{size: size, root: root}
		cps = append(cps, cp)
		if size > largest.size {
			largest = cp
		}
	}
	ok("checkpoint", "%d checkpoints signed by a log key, the largest of size %d", len(cps), largest.size)
	ok("cosignature", "every checkpoint cosigned by at least %d witnesses", pol.quorum)

	var entries [][]byte
	for start := int64(0); start < largest.size; start += 1 << tileHeight {
		width := largest.size - start
		if width > 1<<tileHeight {
			width = 1 << tileHeight
		}
		t := tlog.Tile{H: tileHeight, L: -1, N: start >> tileHeight, W: int(width)}
		data, err := os.ReadFile(filepath.Join(folder, filepath.FromSlash(c2spPath(t))))
		if err != nil {
			fail("entries", "%v", err)
		}
		bundle, err := splitBundle(data)
		if err != nil || int64(len(bundle)) != width {
			fail("entries", "bundle %d does not hold %d entries (%v)", t.N, width, err)
		}
		entries = append(entries, bundle...)
	}
	var stored memoryHashes
	for i, e := range entries {
		hashes, err := tlog.StoredHashes(int64(i), e, stored)
		if err != nil {
			fail("entries", "%v", err)
		}
		stored = append(stored, hashes...)
	}
	for _, cp := range cps {
		th, err := tlog.TreeHash(cp.size, stored)
		if err != nil {
			fail("entries", "%v", err)
		}
		if th != cp.root {
			fail("entries", "the first %d entries hash to %v, checkpoint %d says %v", cp.size, th, cp.size, cp.root)
		}
	}
	ok("entries", "all %d entries hash to the root of each of the %d checkpoints", len(entries), len(cps))

	for i, e := range entries {
		proof, err := tlog.ProveRecord(largest.size, int64(i), stored)
		if err != nil {
			fail("proofs", "entry %d: %v", i, err)
		}
		if err := tlog.CheckRecord(proof, largest.size, largest.root, int64(i), tlog.RecordHash(e)); err != nil {
			fail("proofs", "entry %d: %v", i, err)
		}
	}
	ok("proofs", "%d inclusion proofs check against checkpoint %d", len(entries), largest.size)
	fmt.Printf("verified %d entries\n", len(entries))
}
