package live

import (
	"hellomatrix/app/words"
	"hellomatrix/matrix"
)

// emojiNames are the catalog keys of the names of the spec's 64 emoji for
// comparing devices, by number. Their words in each language are the
// spec's own translations (matrix-spec data-definitions/sas-emoji.json),
// which Element shows too: the reader's two screens name them alike.
var emojiNames = [64]Key{
	"emoji.dog", "emoji.cat", "emoji.lion", "emoji.horse", "emoji.unicorn", "emoji.pig", "emoji.elephant", "emoji.rabbit",
	"emoji.panda", "emoji.rooster", "emoji.penguin", "emoji.turtle", "emoji.fish", "emoji.octopus", "emoji.butterfly", "emoji.flower",
	"emoji.tree", "emoji.cactus", "emoji.mushroom", "emoji.globe", "emoji.moon", "emoji.cloud", "emoji.fire", "emoji.banana",
	"emoji.apple", "emoji.strawberry", "emoji.corn", "emoji.pizza", "emoji.cake", "emoji.heart", "emoji.smiley", "emoji.robot",
	"emoji.hat", "emoji.glasses", "emoji.spanner", "emoji.santa", "emoji.thumbs_up", "emoji.umbrella", "emoji.hourglass", "emoji.clock",
	"emoji.gift", "emoji.light_bulb", "emoji.book", "emoji.pencil", "emoji.paperclip", "emoji.scissors", "emoji.lock", "emoji.key",
	"emoji.hammer", "emoji.telephone", "emoji.flag", "emoji.train", "emoji.bicycle", "emoji.aeroplane", "emoji.rocket", "emoji.trophy",
	"emoji.ball", "emoji.guitar", "emoji.trumpet", "emoji.bell", "emoji.anchor", "emoji.headphones", "emoji.folder", "emoji.pin",
}

// namedEmoji is emoji with each name in w's language.
func namedEmoji(w *words.Words, emoji []matrix.Emoji) []matrix.Emoji {
	out := make([]matrix.Emoji, len(emoji))
	for i, e := range emoji {
		e.Name = emojiNames[e.Number&63].in(w)
		out[i] = e
	}
	return out
}
