package gguf

import (
	"fmt"
	"strings"
)

// FileType is the value of the general.file_type key: llama.cpp's enum
// llama_ftype, which says what most of a model's tensors are stored as.
type FileType uint32

// The llama_ftype values of llama.cpp (include/llama.h). Values 4, 5, 6 and
// 33–35 are no longer used.
const (
	FileTypeAllF32          FileType = 0
	FileTypeMostlyF16       FileType = 1
	FileTypeMostlyQ4_0      FileType = 2
	FileTypeMostlyQ4_1      FileType = 3
	FileTypeMostlyQ8_0      FileType = 7
	FileTypeMostlyQ5_0      FileType = 8
	FileTypeMostlyQ5_1      FileType = 9
	FileTypeMostlyQ2_K      FileType = 10
	FileTypeMostlyQ3_K_S    FileType = 11
	FileTypeMostlyQ3_K_M    FileType = 12
	FileTypeMostlyQ3_K_L    FileType = 13
	FileTypeMostlyQ4_K_S    FileType = 14
	FileTypeMostlyQ4_K_M    FileType = 15
	FileTypeMostlyQ5_K_S    FileType = 16
	FileTypeMostlyQ5_K_M    FileType = 17
	FileTypeMostlyQ6_K      FileType = 18
	FileTypeMostlyIQ2_XXS   FileType = 19
	FileTypeMostlyIQ2_XS    FileType = 20
	FileTypeMostlyQ2_K_S    FileType = 21
	FileTypeMostlyIQ3_XS    FileType = 22
	FileTypeMostlyIQ3_XXS   FileType = 23
	FileTypeMostlyIQ1_S     FileType = 24
	FileTypeMostlyIQ4_NL    FileType = 25
	FileTypeMostlyIQ3_S     FileType = 26
	FileTypeMostlyIQ3_M     FileType = 27
	FileTypeMostlyIQ2_S     FileType = 28
	FileTypeMostlyIQ2_M     FileType = 29
	FileTypeMostlyIQ4_XS    FileType = 30
	FileTypeMostlyIQ1_M     FileType = 31
	FileTypeMostlyBF16      FileType = 32
	FileTypeMostlyTQ1_0     FileType = 36
	FileTypeMostlyTQ2_0     FileType = 37
	FileTypeMostlyMXFP4_MOE FileType = 38
	FileTypeMostlyNVFP4     FileType = 39
	FileTypeMostlyQ1_0      FileType = 40
	FileTypeMostlyQ2_0      FileType = 41

	// FileTypeGuessed is a flag llama.cpp ORs into a file type it inferred
	// from the tensors because the file did not say.
	FileTypeGuessed FileType = 1024
)

var fileTypeNames = map[FileType]string{
	FileTypeAllF32:          "ALL_F32",
	FileTypeMostlyF16:       "MOSTLY_F16",
	FileTypeMostlyQ4_0:      "MOSTLY_Q4_0",
	FileTypeMostlyQ4_1:      "MOSTLY_Q4_1",
	FileTypeMostlyQ8_0:      "MOSTLY_Q8_0",
	FileTypeMostlyQ5_0:      "MOSTLY_Q5_0",
	FileTypeMostlyQ5_1:      "MOSTLY_Q5_1",
	FileTypeMostlyQ2_K:      "MOSTLY_Q2_K",
	FileTypeMostlyQ3_K_S:    "MOSTLY_Q3_K_S",
	FileTypeMostlyQ3_K_M:    "MOSTLY_Q3_K_M",
	FileTypeMostlyQ3_K_L:    "MOSTLY_Q3_K_L",
	FileTypeMostlyQ4_K_S:    "MOSTLY_Q4_K_S",
	FileTypeMostlyQ4_K_M:    "MOSTLY_Q4_K_M",
	FileTypeMostlyQ5_K_S:    "MOSTLY_Q5_K_S",
	FileTypeMostlyQ5_K_M:    "MOSTLY_Q5_K_M",
	FileTypeMostlyQ6_K:      "MOSTLY_Q6_K",
	FileTypeMostlyIQ2_XXS:   "MOSTLY_IQ2_XXS",
	FileTypeMostlyIQ2_XS:    "MOSTLY_IQ2_XS",
	FileTypeMostlyQ2_K_S:    "MOSTLY_Q2_K_S",
	FileTypeMostlyIQ3_XS:    "MOSTLY_IQ3_XS",
	FileTypeMostlyIQ3_XXS:   "MOSTLY_IQ3_XXS",
	FileTypeMostlyIQ1_S:     "MOSTLY_IQ1_S",
	FileTypeMostlyIQ4_NL:    "MOSTLY_IQ4_NL",
	FileTypeMostlyIQ3_S:     "MOSTLY_IQ3_S",
	FileTypeMostlyIQ3_M:     "MOSTLY_IQ3_M",
	FileTypeMostlyIQ2_S:     "MOSTLY_IQ2_S",
	FileTypeMostlyIQ2_M:     "MOSTLY_IQ2_M",
	FileTypeMostlyIQ4_XS:    "MOSTLY_IQ4_XS",
	FileTypeMostlyIQ1_M:     "MOSTLY_IQ1_M",
	FileTypeMostlyBF16:      "MOSTLY_BF16",
	FileTypeMostlyTQ1_0:     "MOSTLY_TQ1_0",
	FileTypeMostlyTQ2_0:     "MOSTLY_TQ2_0",
	FileTypeMostlyMXFP4_MOE: "MOSTLY_MXFP4_MOE",
	FileTypeMostlyNVFP4:     "MOSTLY_NVFP4",
	FileTypeMostlyQ1_0:      "MOSTLY_Q1_0",
	FileTypeMostlyQ2_0:      "MOSTLY_Q2_0",
}

// String returns llama.cpp's name for f without the LLAMA_FTYPE_ prefix
// ("MOSTLY_Q4_K_M"), with " (guessed)" when the guessed flag is set, or
// "file_type(N)" for a value llama.cpp does not define.
func (f FileType) String() string {
	if f&FileTypeGuessed != 0 && f != FileTypeGuessed {
		return (f &^ FileTypeGuessed).String() + " (guessed)"
	}
	if n, ok := fileTypeNames[f]; ok {
		return n
	}
	return fmt.Sprintf("file_type(%d)", uint32(f))
}

// ParseFileType returns the file type named s, ignoring case and an optional
// "LLAMA_FTYPE_" and "MOSTLY_" prefix: "Q4_K_M", "mostly_q4_k_m" and
// "LLAMA_FTYPE_MOSTLY_Q4_K_M" all give FileTypeMostlyQ4_K_M; "F32" and
// "ALL_F32" give FileTypeAllF32.
func ParseFileType(s string) (FileType, error) {
	u := strings.ToUpper(s)
	u = strings.TrimPrefix(u, "LLAMA_FTYPE_")
	for f, n := range fileTypeNames {
		if u == n || "MOSTLY_"+u == n || "ALL_"+u == n {
			return f, nil
		}
	}
	return 0, fmt.Errorf("gguf: %w: unknown file type %q", ErrInvalid, s)
}
