package gguf

import (
	"fmt"
	"math"
)

// ValueType is the type of a metadata value (enum gguf_type of the spec).
type ValueType uint32

// The 13 metadata value types, with their ids in a file.
const (
	ValueUint8   ValueType = 0
	ValueInt8    ValueType = 1
	ValueUint16  ValueType = 2
	ValueInt16   ValueType = 3
	ValueUint32  ValueType = 4
	ValueInt32   ValueType = 5
	ValueFloat32 ValueType = 6
	ValueBool    ValueType = 7
	ValueString  ValueType = 8
	ValueArray   ValueType = 9
	ValueUint64  ValueType = 10
	ValueInt64   ValueType = 11
	ValueFloat64 ValueType = 12

	valueTypeCount = 13
)

var valueTypeNames = [valueTypeCount]string{"u8", "i8", "u16", "i16", "u32", "i32", "f32", "bool", "str", "arr", "u64", "i64", "f64"}

// valueSizes holds the encoded size of each fixed-size type; 0 for string
// and array.
var valueSizes = [valueTypeCount]int{1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8}

// String returns the short name ggml uses for t ("u32", "str", "arr").
func (t ValueType) String() string {
	if t < valueTypeCount {
		return valueTypeNames[t]
	}
	return fmt.Sprintf("value_type(%d)", uint32(t))
}

// Scalar is the set of Go types that a metadata value, or the elements of a
// metadata array, can have.
type Scalar interface {
	uint8 | int8 | uint16 | int16 | uint32 | int32 | float32 | bool | string | uint64 | int64 | float64
}

// Value is one metadata value: a number, a bool, a string, or an array of
// any of these (arrays of arrays included). The zero Value is the u8 0.
// Values are immutable; slices returned by AsSlice must not be modified.
type Value struct {
	typ  ValueType
	bits uint64 // numbers and bools, as their raw bits
	str  string
	arr  array // for arrays
}

// array is the storage of an array value: scalars[T] for a Scalar T, or
// arrays for an array of arrays.
type array interface {
	len() int
	elemType() ValueType
	at(i int) Value
	slice(i, j int) array
}

type scalars[T Scalar] []T

func (a scalars[T]) len() int             { return len(a) }
func (a scalars[T]) at(i int) Value       { return NewValue(a[i]) }
func (a scalars[T]) slice(i, j int) array { return a[i:j] }
func (a scalars[T]) elemType() ValueType {
	var zero T
	return NewValue(zero).typ
}

type arrays []Value

func (a arrays) len() int             { return len(a) }
func (a arrays) at(i int) Value       { return a[i] }
func (a arrays) slice(i, j int) array { return a[i:j] }
func (a arrays) elemType() ValueType  { return ValueArray }

// NewValue returns the metadata value v, typed after its Go type.
func NewValue[T Scalar](v T) Value {
	switch x := any(v).(type) {
	case uint8:
		return Value{typ: ValueUint8, bits: uint64(x)}
	case int8:
		return Value{typ: ValueInt8, bits: uint64(x)}
	case uint16:
		return Value{typ: ValueUint16, bits: uint64(x)}
	case int16:
		return Value{typ: ValueInt16, bits: uint64(x)}
	case uint32:
		return Value{typ: ValueUint32, bits: uint64(x)}
	case int32:
		return Value{typ: ValueInt32, bits: uint64(x)}
	case float32:
		return Value{typ: ValueFloat32, bits: uint64(math.Float32bits(x))}
	case bool:
		var b uint64
		if x {
			b = 1
		}
		return Value{typ: ValueBool, bits: b}
	case string:
		return Value{typ: ValueString, str: x}
	case uint64:
		return Value{typ: ValueUint64, bits: x}
	case int64:
		return Value{typ: ValueInt64, bits: uint64(x)}
	default: // float64: the type set allows nothing else
		return Value{typ: ValueFloat64, bits: math.Float64bits(any(v).(float64))}
	}
}

// NewArray returns a metadata array holding elems. The slice is kept, not
// copied.
func NewArray[T Scalar](elems []T) Value {
	if elems == nil {
		elems = []T{}
	}
	return Value{typ: ValueArray, arr: scalars[T](elems)}
}

// NewArrayOfArrays returns a metadata array whose elements are the arrays in
// elems. It fails if an element is not an array.
func NewArrayOfArrays(elems []Value) (Value, error) {
	for i, e := range elems {
		if e.typ != ValueArray || e.arr == nil {
			return Value{}, fmt.Errorf("gguf: %w: element %d of an array of arrays is a %v", ErrInvalid, i, e.typ)
		}
	}
	if elems == nil {
		elems = []Value{}
	}
	return Value{typ: ValueArray, arr: arrays(elems)}, nil
}

// Type returns the type of v; ValueArray for arrays.
func (v Value) Type() ValueType { return v.typ }

// ElemType returns the type of an array's elements (ValueArray for an array
// of arrays). It returns false when v is not an array.
func (v Value) ElemType() (ValueType, bool) {
	if v.arr == nil {
		return 0, false
	}
	return v.arr.elemType(), true
}

// Len returns the number of elements of an array, and 0 for other values.
func (v Value) Len() int {
	if v.arr == nil {
		return 0
	}
	return v.arr.len()
}

// As returns v as a T. It fails with ErrType unless v holds exactly a T
// (a u32 value is not returned as an int64; see Value.Int for that).
func As[T Scalar](v Value) (T, error) {
	var zero T
	want := NewValue(zero).typ
	if v.typ != want {
		return zero, fmt.Errorf("gguf: %w: value is %v, not %v", ErrType, v.typ, want)
	}
	var out any
	switch want {
	case ValueUint8:
		out = uint8(v.bits)
	case ValueInt8:
		out = int8(v.bits)
	case ValueUint16:
		out = uint16(v.bits)
	case ValueInt16:
		out = int16(v.bits)
	case ValueUint32:
		out = uint32(v.bits)
	case ValueInt32:
		out = int32(v.bits)
	case ValueFloat32:
		out = math.Float32frombits(uint32(v.bits))
	case ValueBool:
		out = v.bits != 0
	case ValueString:
		out = v.str
	case ValueUint64:
		out = v.bits
	case ValueInt64:
		out = int64(v.bits)
	case ValueFloat64:
		out = math.Float64frombits(v.bits)
	}
	return out.(T), nil
}

// AsSlice returns the elements of an array of T. It fails with ErrType when
// v is not an array or its elements are not T. The slice is shared with v.
func AsSlice[T Scalar](v Value) ([]T, error) {
	a, ok := v.arr.(scalars[T])
	if !ok {
		var zero T
		return nil, fmt.Errorf("gguf: %w: value is %s, not arr[%v]", ErrType, v.TypeName(), NewValue(zero).typ)
	}
	return []T(a), nil
}

// Arrays returns the elements of an array of arrays.
func (v Value) Arrays() ([]Value, error) {
	a, ok := v.arr.(arrays)
	if !ok {
		return nil, fmt.Errorf("gguf: %w: value is %s, not arr[arr]", ErrType, v.TypeName())
	}
	return []Value(a), nil
}

// Int returns an integer value of any of the eight integer types as an
// int64. It fails with ErrType for other types, and for a u64 above
// math.MaxInt64.
func (v Value) Int() (int64, error) {
	switch v.typ {
	case ValueUint8, ValueUint16, ValueUint32:
		return int64(v.bits), nil
	case ValueInt8:
		return int64(int8(v.bits)), nil
	case ValueInt16:
		return int64(int16(v.bits)), nil
	case ValueInt32:
		return int64(int32(v.bits)), nil
	case ValueInt64:
		return int64(v.bits), nil
	case ValueUint64:
		if v.bits <= math.MaxInt64 {
			return int64(v.bits), nil
		}
		return 0, fmt.Errorf("gguf: %w: u64 value %d does not fit an int64", ErrType, v.bits)
	}
	return 0, fmt.Errorf("gguf: %w: value is %s, not an integer", ErrType, v.TypeName())
}

// Float returns an f32 or f64 value as a float64.
func (v Value) Float() (float64, error) {
	switch v.typ {
	case ValueFloat32:
		return float64(math.Float32frombits(uint32(v.bits))), nil
	case ValueFloat64:
		return math.Float64frombits(v.bits), nil
	}
	return 0, fmt.Errorf("gguf: %w: value is %s, not a float", ErrType, v.TypeName())
}

// TypeName returns the type as ggml prints it: "u32" for a scalar,
// "arr[u32]" for an array.
func (v Value) TypeName() string {
	if e, ok := v.ElemType(); ok {
		return "arr[" + e.String() + "]"
	}
	return v.typ.String()
}

// Slice returns elements [start, end) of an array as a new array value
// sharing v's storage. It fails with ErrType when v is not an array and
// ErrInvalid when the bounds are out of range.
func (v Value) Slice(start, end int) (Value, error) {
	if _, ok := v.ElemType(); !ok {
		return Value{}, fmt.Errorf("gguf: %w: slicing a %s", ErrType, v.TypeName())
	}
	if start < 0 || end < start || end > v.Len() {
		return Value{}, fmt.Errorf("gguf: %w: slice [%d:%d] of an array of %d", ErrInvalid, start, end, v.Len())
	}
	return Value{typ: ValueArray, arr: v.arr.slice(start, end)}, nil
}

// Index returns element i of an array. It fails with ErrType when v is not
// an array and ErrInvalid when i is out of range.
func (v Value) Index(i int) (Value, error) {
	if _, ok := v.ElemType(); !ok {
		return Value{}, fmt.Errorf("gguf: %w: indexing a %s", ErrType, v.TypeName())
	}
	if i < 0 || i >= v.Len() {
		return Value{}, fmt.Errorf("gguf: %w: index %d of an array of %d", ErrInvalid, i, v.Len())
	}
	return v.arr.at(i), nil
}
