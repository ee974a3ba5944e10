package apply

import (
	"bytes"
	"encoding/binary"
	"io"
	"strings"

	"github.com/richardlehane/mscfb"
)

// Word 97-2003 documents ([MS-DOC]) are compound files ([MS-CFB]): a
// small file system of storages and streams. checkDOC reads its directory
// with github.com/richardlehane/mscfb, which follows the sector chains
// with bounds and cycle checks, rather than searching the bytes for a
// name.
const (
	// wordIdent is FibBase.wIdent, the first two bytes of the
	// WordDocument stream of every Word binary document ([MS-DOC]
	// 2.5.2).
	wordIdent = 0xA5EC
	// fibEncrypted is FibBase's fEncrypted flag (bit 8 of the flags at
	// offset 10): the document is encrypted or obfuscated.
	fibEncrypted = 0x0100
)

// cfbMacroNames are the storages and streams of VBA macros: Word's
// Macros storage ([MS-DOC] "Macros Storage"), which holds a VBA
// project ([MS-OVBA] 2.2: the VBA storage with its _VBA_PROJECT stream,
// and the PROJECT and PROJECTwm streams); _VBA_PROJECT_CUR is Excel's.
// A bare vbaProject.bin (the VBA project of a docm) is such a compound
// file without a WordDocument stream.
var cfbMacroNames = []string{"Macros", "VBA", "_VBA_PROJECT", "_VBA_PROJECT_CUR", "PROJECT", "PROJECTwm"}

// checkDOC returns nil when data is a compound file holding a Word
// document: a WordDocument stream in its root that starts with Word's
// FIB identifier and is not encrypted, and no macros or embedded OLE
// objects (the ObjectPool storage of [MS-DOC] with anything in
// it). Excel, PowerPoint and installer files, encrypted OOXML packages
// (which are compound files too) and VBA projects are refused.
func checkDOC(data []byte) (err error) {
	defer func() {
		// A reader of hostile input that panics has found a file it
		// cannot read: a corrupt one.
		if recover() != nil {
			err = refuse(ReasonContainer, "a corrupt compound file")
		}
	}()
	r, err := mscfb.New(bytes.NewReader(data))
	if err != nil {
		return refuse(ReasonContainer, "a corrupt compound file")
	}
	var word *mscfb.File
	for f, err := r.Next(); err == nil; f, err = r.Next() {
		switch {
		case isMacroEntry(f.Name):
			return refuse(ReasonMacros, "a compound file with VBA macros")
		case len(f.Path) > 0 && f.Path[0] == "ObjectPool":
			return refuse(ReasonEmbedded, "a Word document with embedded objects")
		case len(f.Path) == 0 && f.Name == "WordDocument" && !f.FileInfo().IsDir():
			word = f
		}
	}
	if word == nil {
		return refuse(ReasonType, "a compound file that is not a Word document")
	}
	return checkFIB(word)
}

// isMacroEntry reports whether a directory entry's name is one of VBA's.
func isMacroEntry(name string) bool {
	for _, m := range cfbMacroNames {
		if strings.EqualFold(name, m) {
			return true
		}
	}
	return false
}

// checkFIB checks the start of the WordDocument stream: Word's
// identifier, and not encrypted.
func checkFIB(word io.Reader) error {
	var fib [12]byte
	if _, err := io.ReadFull(word, fib[:]); err != nil {
		return refuse(ReasonContainer, "a Word document without its FIB")
	}
	switch {
	case binary.LittleEndian.Uint16(fib[0:]) != wordIdent:
		return refuse(ReasonType, "a WordDocument stream that is not Word's")
	case binary.LittleEndian.Uint16(fib[10:])&fibEncrypted != 0:
		return refuse(ReasonEncrypted, "an encrypted Word document")
	}
	return nil
}
