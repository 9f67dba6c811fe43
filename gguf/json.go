package gguf

import (
	"encoding/json"
	"math"
	"strconv"
)

// MarshalJSON encodes v as JSON: numbers as numbers, strings, bools, arrays
// as JSON arrays. Float values JSON cannot hold (NaN, ±Inf) are written as
// the strings "NaN", "+Inf" and "-Inf"; 64-bit integers beyond 2^53 stay
// exact because they are written as JSON numbers in full.
func (v Value) MarshalJSON() ([]byte, error) {
	if v.typ != ValueArray {
		return appendJSONScalar(nil, v)
	}
	b := []byte{'['}
	for i := range v.Len() {
		if i > 0 {
			b = append(b, ',')
		}
		e := v.arr.at(i)
		var err error
		if e.typ == ValueArray {
			var sub []byte
			sub, err = e.MarshalJSON()
			b = append(b, sub...)
		} else {
			b, err = appendJSONScalar(b, e)
		}
		if err != nil {
			return nil, err
		}
	}
	return append(b, ']'), nil
}

func appendJSONScalar(b []byte, v Value) ([]byte, error) {
	switch v.typ {
	case ValueFloat32, ValueFloat64:
		f, _ := v.Float()
		switch {
		case math.IsNaN(f):
			return append(b, `"NaN"`...), nil
		case math.IsInf(f, 1):
			return append(b, `"+Inf"`...), nil
		case math.IsInf(f, -1):
			return append(b, `"-Inf"`...), nil
		}
		bits := 64
		if v.typ == ValueFloat32 {
			bits = 32
		}
		return strconv.AppendFloat(b, f, 'g', -1, bits), nil
	case ValueString:
		s, err := json.Marshal(v.str)
		return append(b, s...), err
	case ValueBool:
		return strconv.AppendBool(b, v.bits != 0), nil
	case ValueUint8, ValueUint16, ValueUint32, ValueUint64:
		return strconv.AppendUint(b, v.bits, 10), nil
	}
	n, err := v.Int()
	return strconv.AppendInt(b, n, 10), err
}
