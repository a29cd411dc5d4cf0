package matrix

// sasTable is the spec's 64 SAS emoji ("SAS method: emoji"), by index,
// with the English names every app shows. The seven that Unicode draws as
// black text signs unless followed by the emoji variation selector
// (U+FE0F) carry it, as the other apps' do: so the reader sees the same
// pictures on both screens.
var sasTable = [64]sasEntry{
	{"🐶", "Dog"}, {"🐱", "Cat"}, {"🦁", "Lion"}, {"🐎", "Horse"}, {"🦄", "Unicorn"}, {"🐷", "Pig"}, {"🐘", "Elephant"}, {"🐰", "Rabbit"},
	{"🐼", "Panda"}, {"🐓", "Rooster"}, {"🐧", "Penguin"}, {"🐢", "Turtle"}, {"🐟", "Fish"}, {"🐙", "Octopus"}, {"🦋", "Butterfly"}, {"🌷", "Flower"},
	{"🌳", "Tree"}, {"🌵", "Cactus"}, {"🍄", "Mushroom"}, {"🌏", "Globe"}, {"🌙", "Moon"}, {"☁\uFE0F", "Cloud"}, {"🔥", "Fire"}, {"🍌", "Banana"},
	{"🍎", "Apple"}, {"🍓", "Strawberry"}, {"🌽", "Corn"}, {"🍕", "Pizza"}, {"🎂", "Cake"}, {"❤\uFE0F", "Heart"}, {"😀", "Smiley"}, {"🤖", "Robot"},
	{"🎩", "Hat"}, {"👓", "Glasses"}, {"🔧", "Spanner"}, {"🎅", "Santa"}, {"👍", "Thumbs Up"}, {"☂\uFE0F", "Umbrella"}, {"⌛", "Hourglass"}, {"⏰", "Clock"},
	{"🎁", "Gift"}, {"💡", "Light Bulb"}, {"📕", "Book"}, {"✏\uFE0F", "Pencil"}, {"📎", "Paperclip"}, {"✂\uFE0F", "Scissors"}, {"🔒", "Lock"}, {"🔑", "Key"},
	{"🔨", "Hammer"}, {"☎\uFE0F", "Telephone"}, {"🏁", "Flag"}, {"🚂", "Train"}, {"🚲", "Bicycle"}, {"✈\uFE0F", "Aeroplane"}, {"🚀", "Rocket"}, {"🏆", "Trophy"},
	{"⚽", "Ball"}, {"🎸", "Guitar"}, {"🎺", "Trumpet"}, {"🔔", "Bell"}, {"⚓", "Anchor"}, {"🎧", "Headphones"}, {"📁", "Folder"}, {"📌", "Pin"},
}

// sasEntry is one emoji of the table.
type sasEntry struct{ Symbol, Name string }

// sasEmoji are the seven emoji of six SAS bytes: their first 42 bits, six
// bits an emoji.
func sasEmoji(b []byte) []Emoji {
	var n uint64
	for _, x := range b[:6] {
		n = n<<8 | uint64(x)
	}
	out := make([]Emoji, 7)
	for i := range out {
		k := int(n >> (42 - 6*i) & 63)
		out[i] = Emoji{Number: k, Symbol: sasTable[k].Symbol, Name: sasTable[k].Name}
	}
	return out
}
