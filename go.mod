module github.com/shrinkml/shrink

go 1.26.0

require (
	github.com/klauspost/compress v1.18.1
	golang.org/x/sys v0.50.0
	gonum.org/v1/gonum v0.17.0
)
