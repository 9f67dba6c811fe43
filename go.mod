module github.com/shrinkml/shrink

go 1.26
