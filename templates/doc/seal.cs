<?cs # doc/seal.cs: the red seal drawn over the signing department's
       name (Doc.Seal.dept_name), only where the caller has checked that
       this site verified the seal (Doc.Seal.state "sealed"): notices and
       decisions (notice.cs) and licences (licence.cs). ?>
    <svg class="doc-seal" viewBox="0 0 200 200" role="img" aria-label="电子印章：<?cs var:Doc.Seal.dept_name ?>">
      <defs><path id="seal-arc" d="M34.2 123.9A70 70 0 1 1 165.8 123.9"/></defs>
      <circle cx="100" cy="100" r="93" fill="none" stroke="#d2161e" stroke-width="6"/>
      <text fill="#d2161e" font-size="21" font-weight="700"><textPath href="#seal-arc" startOffset="50%" text-anchor="middle" textLength="250" lengthAdjust="spacingAndGlyphs"><?cs var:Doc.Seal.dept_name ?></textPath></text>
      <polygon fill="#d2161e" points="100.0,70.0 107.1,90.3 128.5,90.7 111.4,103.7 117.6,124.3 100.0,112.0 82.4,124.3 88.6,103.7 71.5,90.7 92.9,90.3"/>
      <text x="100" y="156" fill="#d2161e" font-size="17" text-anchor="middle" letter-spacing="2">电子印章</text>
    </svg>
