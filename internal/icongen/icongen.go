package icongen

import (
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
)

// All geometry is on a 512×512 canvas.
const canvas = 512.0

var (
	teal  = color.NRGBA{0x13, 0x6f, 0x63, 0xff}
	white = color.NRGBA{0xff, 0xff, 0xff, 0xff}
)

// The bubble, its tail and the dots, shared by the SVG and the PNGs.
const (
	bubbleX0, bubbleY0, bubbleX1, bubbleY1, bubbleR = 96, 120, 416, 352, 56
	dotY, dotR                                      = 236, 28
)

var (
	dotXs = []float64{176, 256, 336}
	tail  = [3][2]float64{{150, 340}, {150, 428}, {248, 340}}
)

const svgIcon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <title>Hello Matrix</title>
  <rect width="512" height="512" rx="112" fill="#136f63"/>
  <rect x="96" y="120" width="320" height="232" rx="56" fill="#fff"/>
  <path d="M150 340 L150 428 L248 340 Z" fill="#fff"/>
  <g fill="#136f63">
    <circle cx="176" cy="236" r="28"/>
    <circle cx="256" cy="236" r="28"/>
    <circle cx="336" cy="236" r="28"/>
  </g>
</svg>
`

// Write draws every icon into dir and returns the files it wrote.
func Write(dir string) ([]string, error) {
	svg := filepath.Join(dir, "icon.svg")
	if err := os.WriteFile(svg, []byte(svgIcon), 0o644); err != nil {
		return nil, err
	}
	written := []string{svg}
	for _, icon := range []struct {
		name     string
		size     int
		maskable bool
	}{
		{"icon-192.png", 192, false},
		{"icon-512.png", 512, false},
		{"icon-maskable.png", 512, true},
	} {
		file := filepath.Join(dir, icon.name)
		if err := writePNG(file, draw(icon.size, icon.maskable)); err != nil {
			return written, err
		}
		written = append(written, file)
	}
	return written, nil
}

func writePNG(file string, img image.Image) error {
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// draw rasterises the icon at size×size with 4×4 supersampling. A maskable
// icon fills the whole square (the platform cuts its own shape) and shrinks
// the bubble into the central safe circle, 80% of the width across.
func draw(size int, maskable bool) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	const samples = 4
	scale := canvas / float64(size)
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64
			for sy := 0; sy < samples; sy++ {
				for sx := 0; sx < samples; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/samples) * scale
					y := (float64(py) + (float64(sy)+0.5)/samples) * scale
					c, ok := shade(x, y, maskable)
					if !ok {
						continue
					}
					r += float64(c.R)
					g += float64(c.G)
					b += float64(c.B)
					a++
				}
			}
			if a == 0 {
				continue
			}
			n := float64(samples * samples)
			img.SetNRGBA(px, py, color.NRGBA{
				R: uint8(r / a), G: uint8(g / a), B: uint8(b / a),
				A: uint8(math.Round(255 * a / n)),
			})
		}
	}
	return img
}

// shade is the colour at canvas point (x, y); ok is false outside the icon.
func shade(x, y float64, maskable bool) (c color.NRGBA, ok bool) {
	if maskable {
		// Shrink the picture around the centre; the background is full-bleed.
		const k = 0.72
		x = (x-canvas/2)/k + canvas/2
		y = (y-canvas/2)/k + canvas/2
	} else if !inRoundedRect(x, y, 0, 0, canvas, canvas, 112) {
		return c, false
	}
	for _, dx := range dotXs {
		if math.Hypot(x-dx, y-dotY) <= dotR {
			return teal, true
		}
	}
	if inRoundedRect(x, y, bubbleX0, bubbleY0, bubbleX1, bubbleY1, bubbleR) || inTriangle(x, y, tail) {
		return white, true
	}
	return teal, true
}

func inRoundedRect(x, y, x0, y0, x1, y1, r float64) bool {
	if x < x0 || x > x1 || y < y0 || y > y1 {
		return false
	}
	cx := math.Max(x0+r, math.Min(x, x1-r))
	cy := math.Max(y0+r, math.Min(y, y1-r))
	return math.Hypot(x-cx, y-cy) <= r
}

func inTriangle(x, y float64, t [3][2]float64) bool {
	side := func(a, b [2]float64) float64 {
		return (b[0]-a[0])*(y-a[1]) - (b[1]-a[1])*(x-a[0])
	}
	d1, d2, d3 := side(t[0], t[1]), side(t[1], t[2]), side(t[2], t[0])
	hasNeg := d1 < 0 || d2 < 0 || d3 < 0
	hasPos := d1 > 0 || d2 > 0 || d3 > 0
	return !(hasNeg && hasPos)
}
