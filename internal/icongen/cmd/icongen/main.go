// Command icongen writes Hello Matrix's icons into a folder (web/ by
// default); package icongen says how they are drawn.
//
//	go run ./internal/icongen/cmd/icongen -out web
package main

import (
	"flag"
	"fmt"
	"log"

	"hellomatrix/internal/icongen"
)

func main() {
	out := flag.String("out", "web", "folder to write the icons into")
	flag.Parse()

	files, err := icongen.Write(*out)
	for _, f := range files[min(1, len(files)):] {
		fmt.Println("wrote", f)
	}
	if err != nil {
		log.Fatal(err)
	}
}
