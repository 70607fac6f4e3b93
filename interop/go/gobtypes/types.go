// Package gobtypes holds the Go types of rpcpool's gob interop matrix, shared by
// gobecho (codec-level round trips) and goserver's Types service (RPC level).
package gobtypes

import (
	"encoding/gob"
	"math"
	"time"
)

// Inner is a nested struct; it is also registered for interface values.
type Inner struct {
	Name string
	Tags []string
	Data []byte
}

// Shape is registered too, to test interface values holding other types.
type Shape struct {
	Kind string
	Side float64
}

// Fixed holds Go's fixed-size arrays, which Java sends with @GobArray.
type Fixed struct {
	Digest [32]byte
	Quad   [4]int
	Names  [2]string
	Pair   [2]Inner
	Grid   [2][3]int
	Keys   [][2]byte
	Height int
}

// Tagged holds Go arrays inside maps, which Java sends with @GobArray({GobArray.MAP, ...}).
type Tagged struct {
	Tags map[string][4]byte
	Rows []map[string][2]int
	N    int
}

// Matrix covers every kind of value the Java mapping supports.
type Matrix struct {
	B     bool
	I     int
	I8    int8
	I32   int32
	I64   int64
	U     uint
	U64   uint64
	F     float64
	F32   float32
	S     string
	Bs    []byte
	T     time.Time
	Ints  []int
	Strs  []string
	Flts  []float64
	In    Inner
	Ins   []Inner
	M     map[string]int
	MI    map[int]Inner
	P     *Inner
	Any   interface{}
	Nest  [][]int
	Extra string // Java peers lack this field: exercises skipping
}

// Node is a recursive type.
type Node struct {
	Value int
	Kids  []Node
}

func init() {
	gob.Register(Inner{})
	gob.Register(Shape{})
	gob.Register(map[string]interface{}{})
}

// Extremes is a fixed value with edge cases, produced by Go itself.
func Extremes() Matrix {
	return Matrix{
		B: true, I: math.MinInt64, I8: math.MinInt8, I32: math.MaxInt32, I64: math.MaxInt64,
		U: math.MaxUint64, U64: math.MaxUint64, F: math.Inf(-1), F32: float32(math.Inf(1)),
		S: "héllo, 世界 🌍", Bs: []byte{0, 1, 2, 255},
		T:    time.Date(2024, 2, 29, 23, 59, 59, 999999999, time.UTC),
		Ints: []int{math.MinInt64, -1, 0, 1, math.MaxInt64}, Strs: []string{"", "a", "ü"},
		Flts:  []float64{math.NaN(), math.Inf(1), math.Copysign(0, -1), math.SmallestNonzeroFloat64, math.MaxFloat64},
		In:    Inner{Name: "in", Tags: []string{"x"}, Data: []byte("d")},
		Ins:   []Inner{{Name: "a"}, {}},
		M:     map[string]int{"one": 1, "": 0},
		MI:    map[int]Inner{-7: {Name: "neg"}},
		P:     &Inner{Name: "ptr"},
		Any:   Shape{Kind: "square", Side: 2.5},
		Nest:  [][]int{{1}, {}, {2, 3}},
		Extra: "skipped by Java",
	}
}
