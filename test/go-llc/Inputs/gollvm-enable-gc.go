package main

func main() {
	println(len(make([]byte, 8)))
}
