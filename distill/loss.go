package distill

import (
	"errors"
	"fmt"
	"math"
)

// Kind is a distillation loss.
type Kind int

const (
	// ForwardKL is T²·KL(p_teacher ‖ q_student), Hinton's soft-target term.
	ForwardKL Kind = iota
	// ReverseKL is KL(q_student ‖ p_teacher), without the T² factor.
	ReverseKL
	// JSD is GKD's generalised Jensen–Shannon divergence with weight Beta:
	// β = 0 is KL(p ‖ q), β = 1 is KL(q ‖ p), otherwise with
	// m = log((1−β)·q + β·p): β·KL(p ‖ m) + (1−β)·KL(q ‖ m). No T² factor.
	JSD
	// Hinton is α·CE(student, labels) + (1−α)·T²·KL(p_teacher ‖ q_student),
	// the cross-entropy at temperature 1; positions whose label is
	// IgnoreLabel are left out of both terms.
	Hinton
	// CrossEntropy is the hard-label loss alone: −log softmax(student)[label].
	CrossEntropy
)

func (k Kind) String() string {
	switch k {
	case ForwardKL:
		return "forward KL"
	case ReverseKL:
		return "reverse KL"
	case JSD:
		return "JSD"
	case Hinton:
		return "Hinton"
	case CrossEntropy:
		return "cross-entropy"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Reduction says how per-position losses become one value.
type Reduction int

const (
	// Mean averages over the positions kept (by the mask and, for Hinton
	// and CrossEntropy, the labels): PyTorch's "batchmean" for [N, V]
	// inputs when every position is kept.
	Mean Reduction = iota
	// Sum adds the per-position losses.
	Sum
	// BatchMean divides the sum by N, kept or not, as PyTorch's
	// kl_div(reduction="batchmean") does.
	BatchMean
)

// IgnoreLabel marks a position without a label, as PyTorch's ignore_index.
const IgnoreLabel = -100

var (
	// ErrShape is returned when slices do not match N and V.
	ErrShape = errors.New("distill: shape mismatch")
	// ErrConfig is returned for an invalid configuration or input: a
	// non-positive temperature, a β or α outside [0, 1], a label out of
	// range, a teacher top-k entry out of range.
	ErrConfig = errors.New("distill: invalid configuration")
)

// Config chooses a loss. The zero value is forward KL at temperature 1,
// averaged over positions.
type Config struct {
	Kind        Kind
	Temperature float64 // T; 0 means 1
	Beta        float64 // JSD's β
	Alpha       float64 // Hinton's weight of the cross-entropy term
	Reduction   Reduction
}

func (c Config) temperature() float64 {
	if c.Temperature == 0 {
		return 1
	}
	return c.Temperature
}

func (c Config) check() error {
	switch {
	case !(c.temperature() > 0) || math.IsInf(c.temperature(), 0):
		return fmt.Errorf("%w: temperature %g", ErrConfig, c.Temperature)
	case c.Kind == JSD && !(c.Beta >= 0 && c.Beta <= 1):
		return fmt.Errorf("%w: beta %g is not in [0, 1]", ErrConfig, c.Beta)
	case c.Kind == Hinton && !(c.Alpha >= 0 && c.Alpha <= 1):
		return fmt.Errorf("%w: alpha %g is not in [0, 1]", ErrConfig, c.Alpha)
	case c.Kind < ForwardKL || c.Kind > CrossEntropy:
		return fmt.Errorf("%w: unknown loss %v", ErrConfig, c.Kind)
	case c.Reduction < Mean || c.Reduction > BatchMean:
		return fmt.Errorf("%w: unknown reduction %d", ErrConfig, c.Reduction)
	}
	return nil
}
