use dyad_parse::conllu;

const DOC: &str = "# sent_id = a-1
# text = Arnor restored ties, officials said.
1	Arnor	Arnor	PROPN	NNP	Number=Sing	2	nsubj	2:nsubj	_
2	restored	restore	VERB	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	6	ccomp	6:ccomp	_
3	ties	tie	NOUN	NNS	Number=Plur	2	obj	2:obj	SpaceAfter=No
4	,	,	PUNCT	,	_	2	punct	2:punct	_
5	officials	official	NOUN	NNS	Number=Plur	6	nsubj	6:nsubj	_
6	said	say	VERB	VBD	Mood=Ind|Tense=Past|VerbForm=Fin	0	root	0:root	SpaceAfter=No
7	.	.	PUNCT	.	_	6	punct	6:punct	_

# sent_id = a-2
# text = Don't go.
1-2	Don't	_	_	_	_	_	_	_	_
1	Do	do	AUX	VB	Mood=Imp|VerbForm=Fin	3	aux	3:aux	SpaceAfter=No
2	n't	not	PART	RB	_	3	advmod	3:advmod	_
3	go	go	VERB	VB	VerbForm=Inf	0	root	0:root	SpaceAfter=No
3.1	x	x	X	X	_	_	_	_	_
4	.	.	PUNCT	.	_	3	punct	3:punct	_

";

#[test]
fn reads_offsets_ids_and_spacing() {
    let e: Vec<_> = conllu::read_entries(DOC).into_iter().map(Result::unwrap).collect();
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].sent_id.as_deref(), Some("a-1"));
    let s = &e[0].sentence;
    assert_eq!(s.tokens[2].form, "ties");
    assert_eq!(&s.text[s.token_range(2)], "ties");
    assert!(!s.tokens[2].space_after);
    assert_eq!(s.tokens[5].head, 0);
    let s = &e[1].sentence;
    assert_eq!(s.tokens.len(), 4);
    assert_eq!(s.tokens[1].form, "n't");
    assert_eq!(&s.text[s.token_range(1)], "n't");
}

#[test]
fn round_trips() {
    let e: Vec<_> = conllu::read_entries(DOC).into_iter().map(Result::unwrap).collect();
    let mut out = Vec::new();
    conllu::write_entries(&e, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let again: Vec<_> = conllu::read_entries(&text).into_iter().map(Result::unwrap).collect();
    assert_eq!(e.len(), again.len());
    for (a, b) in e.iter().zip(&again) {
        assert_eq!(a.sent_id, b.sent_id);
        assert_eq!(a.sentence.text, b.sentence.text);
        assert_eq!(a.sentence.tokens, b.sentence.tokens);
    }
    let mut out2 = Vec::new();
    conllu::write_entries(&again, &mut out2).unwrap();
    assert_eq!(text, String::from_utf8(out2).unwrap());
}

#[test]
fn errors_name_the_line_and_reading_goes_on() {
    let bad = "1\tA\ta\tX\tX\t_\t0\troot\t_\t_\n3\tB\tb\tX\tX\t_\t1\tdep\t_\t_\n\n1\tOk\tok\tINTJ\tUH\t_\t0\troot\t_\t_\n\n1\tC\n";
    let r = conllu::read(bad);
    assert_eq!(r.len(), 3);
    assert_eq!(r[0].as_ref().unwrap_err().line, 2);
    assert!(r[1].is_ok());
    assert_eq!(r[2].as_ref().unwrap_err().line, 6);
    assert!(conllu::read("1\tA\ta\tX\tX\t_\t9\troot\t_\t_\n")[0].is_err());
    assert!(conllu::read("\u{0}\t\t\t\n#\n1-\t")[0].is_err());
}
