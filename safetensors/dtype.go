package safetensors

import "fmt"

// Dtype is the element type of a tensor. The constants are in the order of
// the reference implementation's Dtype enum, which is also the order its
// writer sorts by (largest first).
type Dtype uint8

// The dtypes of the safetensors format (huggingface/safetensors 24b0b285).
const (
	BOOL    Dtype = iota
	F4            // OCP MX fp4 (e2m1), two values per byte
	F6_E2M3       // OCP MX fp6, four values per three bytes
	F6_E3M2
	U8
	I8
	F8_E5M2
	F8_E4M3
	F8_E8M0 // OCP MX scale: a power of two
	F8_E4M3FNUZ
	F8_E5M2FNUZ
	I16
	U16
	F16
	BF16
	I32
	U32
	F32
	C64 // two float32: real and imaginary parts
	F64
	I64
	U64

	dtypeCount
)

var dtypeNames = [dtypeCount]string{"BOOL", "F4", "F6_E2M3", "F6_E3M2", "U8", "I8", "F8_E5M2", "F8_E4M3", "F8_E8M0",
	"F8_E4M3FNUZ", "F8_E5M2FNUZ", "I16", "U16", "F16", "BF16", "I32", "U32", "F32", "C64", "F64", "I64", "U64"}

var dtypeBits = [dtypeCount]int{8, 4, 6, 6, 8, 8, 8, 8, 8, 8, 8, 16, 16, 16, 16, 32, 32, 32, 64, 64, 64, 64}

// String returns the name the header uses ("F32", "F8_E4M3").
func (d Dtype) String() string {
	if d < dtypeCount {
		return dtypeNames[d]
	}
	return fmt.Sprintf("Dtype(%d)", uint8(d))
}

// Bits returns the size of one element in bits (4 for F4, 6 for F6_*).
func (d Dtype) Bits() int {
	if d < dtypeCount {
		return dtypeBits[d]
	}
	return 0
}

// IsFloat reports whether d is a real floating-point type that Float32s
// can convert (every float type but the packed F4 and F6 ones).
func (d Dtype) IsFloat() bool {
	switch d {
	case F8_E5M2, F8_E4M3, F8_E8M0, F8_E4M3FNUZ, F8_E5M2FNUZ, F16, BF16, F32, F64:
		return true
	}
	return false
}

// ParseDtype returns the dtype named s, exactly as a header writes it.
func ParseDtype(s string) (Dtype, error) {
	for d, n := range dtypeNames {
		if n == s {
			return Dtype(d), nil
		}
	}
	return 0, fmt.Errorf("safetensors: %w: unknown dtype %q", ErrInvalid, s)
}
