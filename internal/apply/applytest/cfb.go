package applytest

import (
	"encoding/binary"
	"unicode/utf16"
)

// CFBEntry is a storage or stream of a compound file a test builds.
type CFBEntry struct {
	Name string
	// Parent is the index in the entries of the storage holding this
	// one, or -1 for the root storage.
	Parent  int
	Storage bool
	Data    []byte
}

// Compound file constants ([MS-CFB] 2.1, 2.2): version 3, 512-byte
// sectors.
const (
	cfbSector     = 512
	cfbEndOfChain = 0xFFFFFFFE
	cfbFATSect    = 0xFFFFFFFD
	cfbFree       = 0xFFFFFFFF
	cfbNoStream   = 0xFFFFFFFF
)

// wordCLSID is the class of a Word 97-2003 document (Word.Document.8).
var wordCLSID = []byte{0x06, 0x09, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46}

// CompoundFile returns a compound file ([MS-CFB]) of the entries under
// its root storage, of Word's class: header, one FAT sector, the
// directory, then each stream in sectors of its own. Every stream should
// be at least 4096 bytes (smaller ones go to the mini stream, which this
// builder does not write) or empty.
func CompoundFile(entries ...CFBEntry) []byte {
	dirSectors := (len(entries) + 1 + 3) / 4
	next := 1 + dirSectors // sector 0 is the FAT
	fat := []uint32{cfbFATSect}
	for i := range dirSectors {
		fat = append(fat, chainNext(i, dirSectors, 1))
	}
	starts := make([]uint32, len(entries))
	var data []byte
	for i, e := range entries {
		starts[i] = cfbEndOfChain
		n := (len(e.Data) + cfbSector - 1) / cfbSector
		if e.Storage || n == 0 {
			continue
		}
		starts[i] = uint32(next)
		for j := range n {
			fat = append(fat, chainNext(j, n, next))
		}
		next += n
		padded := make([]byte, n*cfbSector)
		copy(padded, e.Data)
		data = append(data, padded...)
	}
	if len(fat) > cfbSector/4 {
		panic("applytest: a compound file too large for one FAT sector")
	}
	out := cfbHeader(dirSectors)
	fatSector := make([]byte, cfbSector)
	for i := range cfbSector / 4 {
		v := uint32(cfbFree)
		if i < len(fat) {
			v = fat[i]
		}
		binary.LittleEndian.PutUint32(fatSector[4*i:], v)
	}
	out = append(out, fatSector...)
	out = append(out, cfbDirectory(entries, starts, dirSectors)...)
	return append(out, data...)
}

// chainNext is the FAT entry of the i-th of n sectors starting at first.
func chainNext(i, n, first int) uint32 {
	if i == n-1 {
		return cfbEndOfChain
	}
	return uint32(first + i + 1)
}

func cfbHeader(dirSectors int) []byte {
	h := make([]byte, cfbSector)
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le := binary.LittleEndian
	le.PutUint16(h[24:], 0x3E)   // minor version
	le.PutUint16(h[26:], 3)      // major version
	le.PutUint16(h[28:], 0xFFFE) // byte order
	le.PutUint16(h[30:], 9)      // sector shift
	le.PutUint16(h[32:], 6)      // mini sector shift
	le.PutUint32(h[44:], 1)      // FAT sectors
	le.PutUint32(h[48:], 1)      // first directory sector
	le.PutUint32(h[56:], 4096)   // mini stream cutoff
	le.PutUint32(h[60:], cfbEndOfChain)
	le.PutUint32(h[68:], cfbEndOfChain)
	le.PutUint32(h[76:], 0) // DIFAT[0]: the FAT is sector 0
	for i := 80; i < cfbSector; i += 4 {
		le.PutUint32(h[i:], cfbFree)
	}
	return h
}

// cfbDirectory writes the root and the entries: each storage's children
// are a chain of right siblings, the first its child.
func cfbDirectory(entries []CFBEntry, starts []uint32, sectors int) []byte {
	dir := make([]byte, sectors*cfbSector)
	child := map[int]uint32{}
	right := make([]uint32, len(entries))
	last := map[int]int{}
	for i, e := range entries {
		right[i] = cfbNoStream
		if j, ok := last[e.Parent]; ok {
			right[j] = uint32(i + 1)
		} else {
			child[e.Parent] = uint32(i + 1)
		}
		last[e.Parent] = i
	}
	writeDirEntry(dir[0:], "Root Entry", 5, cfbNoStream, childOf(child, -1), cfbEndOfChain, 0)
	copy(dir[80:96], wordCLSID)
	for i, e := range entries {
		typ := byte(2)
		if e.Storage {
			typ = 1
		}
		writeDirEntry(dir[(i+1)*128:], e.Name, typ, right[i], childOf(child, i), starts[i], len(e.Data))
	}
	for i := len(entries) + 1; i < sectors*4; i++ {
		for _, off := range []int{68, 72, 76} {
			binary.LittleEndian.PutUint32(dir[i*128+off:], cfbNoStream)
		}
	}
	return dir
}

func childOf(child map[int]uint32, i int) uint32 {
	if c, ok := child[i]; ok {
		return c
	}
	return cfbNoStream
}

func writeDirEntry(b []byte, name string, typ byte, right, child, start uint32, size int) {
	le := binary.LittleEndian
	units := utf16.Encode([]rune(name))
	for i, u := range units {
		le.PutUint16(b[2*i:], u)
	}
	le.PutUint16(b[64:], uint16(2*len(units)+2))
	b[66], b[67] = typ, 1 // black
	le.PutUint32(b[68:], cfbNoStream)
	le.PutUint32(b[72:], right)
	le.PutUint32(b[76:], child)
	le.PutUint32(b[116:], start)
	le.PutUint64(b[120:], uint64(size))
}

// WordFIB is the start of a WordDocument stream of 4096 bytes: the File
// Information Block's base ([MS-DOC] 2.5.2, FibBase) with Word's
// identifier 0xA5EC, nFib 0x00C1 (Word 97 and later), and the flags.
func WordFIB(flags uint16) []byte {
	b := make([]byte, 4096)
	binary.LittleEndian.PutUint16(b[0:], 0xA5EC)
	binary.LittleEndian.PutUint16(b[2:], 0x00C1)
	binary.LittleEndian.PutUint16(b[10:], flags)
	return b
}

// WordDoc is a minimal Word 97-2003 document: a compound file with the
// WordDocument stream, the 1Table stream and the summary information.
func WordDoc() []byte {
	return CompoundFile(WordDocEntries()...)
}

// WordDocEntries are the entries of WordDoc, for tests that add to them.
func WordDocEntries() []CFBEntry {
	return []CFBEntry{
		{Name: "WordDocument", Parent: -1, Data: WordFIB(0)},
		{Name: "1Table", Parent: -1, Data: make([]byte, 4096)},
		{Name: "\x05SummaryInformation", Parent: -1, Data: make([]byte, 4096)},
	}
}
