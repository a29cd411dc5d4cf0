package render

import (
	"errors"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"

	"github.com/yuin/goldmark/ast"

	"hellomatrix/pages"
)

// prepareLinks marks external links rel="noopener" and rejects relative links.
// A relative link like "register" would resolve against the current route
// (/guide/...), which works on one page and breaks on the next, so chapters
// link with absolute routes: /guide/<slug>, /guide/<slug>#<id>, /servers.
// Whether those routes exist is CheckLinks' job, once all chapters are known.
//
// prefix ("" for English, "/de") goes before every route inside the guide,
// so a translation's links stay in its language.
func prepareLinks(doc ast.Node, src mdSource, prefix string) error {
	var errs []error
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest string
		switch n := n.(type) {
		case *ast.Link:
			dest = string(n.Destination)
		case *ast.Image:
			dest = string(n.Destination)
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				dest = string(n.URL(src.text))
			} else {
				return ast.WalkContinue, nil // e-mail address
			}
		default:
			return ast.WalkContinue, nil
		}
		switch {
		case isExternal(dest):
			if _, isImage := n.(*ast.Image); !isImage {
				n.SetAttributeString("rel", []byte("noopener"))
			}
		case strings.HasPrefix(dest, "/"):
			if l, ok := n.(*ast.Link); ok && prefix != "" {
				l.Destination = []byte(prefix + dest)
			}
		case strings.HasPrefix(dest, "#"), strings.HasPrefix(dest, "mailto:"):
		default:
			errs = append(errs, fmt.Errorf("line %d: link %q is relative; link inside the guide with an absolute route such as /guide/register, /guide/register#some-heading or /servers",
				src.lineOf(firstOffset(n)), dest))
		}
		return ast.WalkContinue, nil
	})
	return errors.Join(errs...)
}

func isExternal(dest string) bool {
	d := strings.ToLower(dest)
	return strings.HasPrefix(d, "http://") || strings.HasPrefix(d, "https://")
}

// firstOffset finds a source position for an inline node, which goldmark does
// not record itself, from the first text inside it or its enclosing block.
func firstOffset(n ast.Node) int {
	var off = -1
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	for p := n; off < 0 && p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			off = p.Lines().At(0).Start
		}
	}
	return max(off, 0)
}

var (
	hrefRe = regexp.MustCompile(`\shref="([^"]*)"`)
	idRe   = regexp.MustCompile(`\sid="([^"]*)"`)
)

// CheckLinks reports every link between or within chapters that leads
// nowhere: a /guide/<slug> without such a chapter, a #fragment without such an
// id (heading or footnote) in the target chapter, or a route the app does not
// have. External links are not checked (that would need the network).
//
// A translation's routes carry its prefix (/de/guide/…); CheckLinksIn
// checks those.
func CheckLinks(chs []pages.Chapter) error { return CheckLinksIn(chs, pages.English) }

// CheckLinksIn is CheckLinks for the chapters of one language.
func CheckLinksIn(chs []pages.Chapter, lang string) error {
	prefix := pages.LanguagePrefix(lang)
	ids := map[string]map[string]bool{} // slug → ids on that page
	for _, c := range chs {
		ids[c.Slug] = map[string]bool{}
		for _, p := range c.Parts {
			for _, m := range idRe.FindAllStringSubmatch(p.HTML, -1) {
				ids[c.Slug][html.UnescapeString(m[1])] = true
			}
		}
		if len(c.Sources) > 0 {
			ids[c.Slug][pages.SourcesAnchor] = true // the app renders the list after the parts
		}
	}
	var errs []error
	for _, c := range chs {
		for _, p := range c.Parts {
			for _, m := range hrefRe.FindAllStringSubmatch(p.HTML, -1) {
				href := html.UnescapeString(m[1])
				if !isExternal(href) && prefix != "" && strings.HasPrefix(href, "/") {
					rest, ok := strings.CutPrefix(href, prefix+"/")
					if !ok {
						errs = append(errs, fmt.Errorf("chapter %s: link %q leaves the language (want %s/…)", c.Slug, href, prefix))
						continue
					}
					href = "/" + rest
				}
				if err := checkHref(href, c.Slug, ids); err != nil {
					errs = append(errs, fmt.Errorf("chapter %s: link %q: %w", c.Slug, href, err))
				}
			}
		}
	}
	return errors.Join(errs...)
}

func checkHref(href, from string, ids map[string]map[string]bool) error {
	if isExternal(href) || strings.HasPrefix(href, "mailto:") {
		return nil
	}
	u, err := url.Parse(href)
	if err != nil {
		return err
	}
	target := from
	switch {
	case u.Path == "":
		// same-page "#fragment"
	case u.Path == "/servers":
		if u.Fragment != "" {
			return errors.New("the server directory has no anchors to link to")
		}
		return nil
	case strings.HasPrefix(u.Path, "/guide/"):
		target = strings.TrimPrefix(u.Path, "/guide/")
		if ids[target] == nil {
			return fmt.Errorf("there is no chapter %q", target)
		}
	default:
		return errors.New("not a route of the app (want /guide/<slug> or /servers)")
	}
	if u.Fragment != "" && !ids[target][u.Fragment] {
		return fmt.Errorf("chapter %s has no id %q", target, u.Fragment)
	}
	return nil
}
