"""Issue #14's acceptance points and the browser tests that show each one at 390 px and 1280 px.

A cell names ``module::test`` (in tests/browser/); ``(loop)`` means the test visits both widths
itself (read-only pages: one database set-up for both), ``[id]`` a parametrized case, and ``—`` that
the point is not about a width. The test below checks that every test named here exists, so the
table cannot silently go stale.

| point of #14 | 390 px (phone) | 1280 px (desktop) |
|---|---|---|
| queue: course order, day's new limit, no card twice in a row (sibling burying: tests/quizzes/study/test_queue_properties.py) | test_review_queue_demo::test_demo_learner_answers_forty_cards_at_390 (40 demo cards) | test_study_points::test_a_session_shows_the_counters_on_every_screen_and_ends_on_a_summary [1280] |
| counters (due / learning / new left) on every screen, exam misses due not New | test_study_points::test_a_session_shows_the_counters_on_every_screen_and_ends_on_a_summary [390]; test_review_queue_demo::test_demo_learner_answers_forty_cards_at_390 | test_study_points::test_a_session_shows_the_counters_on_every_screen_and_ends_on_a_summary [1280] |
| end-of-session summary (reviewed, again-rate, time) | test_study_points::test_a_session_shows_the_counters_on_every_screen_and_ends_on_a_summary [390] | same [1280] |
| undo (U, Ctrl+Z): previous schedule back, log gone | test_study_points::test_undo_brings_back_the_last_card_as_it_was [390-U] | same [1280-Ctrl+Z] |
| undo refused: the reason in place of the button, nothing changed | test_undo_refusal::test_a_refused_undo_says_why_in_place_of_the_button [390] | same [1280] |
| card browser: search, filter by topic / kind / state / lapses | test_card_points::test_search_and_filters_narrow_the_list_as_the_learner_picks [390] | same [1280] |
| card browser: suspend / unsuspend | test_card_browser::test_suspending_a_card_takes_it_out_of_reviews [390] | same [1280] |
| card browser: bury until tomorrow, flag | test_card_points::test_burying_and_flagging_mark_the_card_and_burying_keeps_it_out_of_reviews [390] | same [1280] |
| leeches: 8 lapses marked and suspended | test_card_points::test_an_eighth_lapse_marks_the_card_a_leech_and_suspends_it [390] | same [1280] |
| practice: session counter and score | test_practice_journey::test_the_session_score_is_right_after_three_answers [390] | same [1280] |
| practice: filters collapsible, question first | test_practice_journey::test_the_folded_filters_open_from_the_keyboard; test_practice_journey::test_the_score_survives_a_reload_and_resets_on_a_new_start [390] | test_practice_journey::test_the_score_survives_a_reload_and_resets_on_a_new_start [1280] |
| practice: my mistakes, until right twice | test_practice_journey::test_practising_my_mistakes_shows_only_them_until_each_is_right_twice [390] | same [1280] |
| exam: blueprint on the start page | test_exam_pages::test_start_page_with_a_blueprint_fits_and_keeps_the_start_button_in_view [390] | same [1280] |
| exam: the draw follows the blueprint | test_exam_pages::test_the_mock_exam_draws_its_questions_by_the_blueprint (loop) | (loop) |
| exam: review mode next to timed mode | test_exam_pages::test_review_mode_shows_feedback_after_checking_an_answer [390] | same [1280] |
| exam report: filters wrong / flagged / unanswered | test_exam_pages::test_report_filters_work_from_the_keyboard [390]; test_exam_pages::test_report_filters_work_without_javascript | test_exam_pages::test_report_filters_work_from_the_keyboard [1280] |
| exam report: explanation per option, "correct answer", time per question | test_exam_pages::test_the_report_explains_every_option_names_the_correct_answer_and_times_each_question (loop) | (loop) |
| exam report: per-topic scores against the pass mark, times in the learner's zone | test_exam_pages::test_the_report_scores_each_topic_against_the_pass_mark_and_tells_times_in_the_learners_zone (loop) | (loop) |
| exam: "correct answer" in review mode | test_exam_pages::test_review_mode_shows_feedback_after_checking_an_answer [390] | same [1280] |
| exam: a clear flag mark on the map | test_exam_pages::test_flag_mark_on_the_question_map_is_visible_and_named [390] | same [1280] |
| exam report no wider than the phone (long source lines) | test_exam_pages::test_report_is_no_wider_than_a_phone_screen [360], [390] | — |
| mastery: recall of studied cards and share not studied; misses never 100 % | test_progress_layout::test_a_topic_missed_again_and_again_never_shows_100_percent (loop) | test_progress_layout::test_mastery_table_shows_studied_recall_and_not_yet_studied; (loop) |
| heatmap at the content column | test_progress_layout::test_progress_page_fits_a_390px_phone; test_study_journey::test_on_a_phone_the_heatmap_opens_on_the_latest_weeks | test_progress_layout::test_heatmap_starts_at_the_content_column_at_1280 |
| topic pages merged (a heading once, lines cite file:line, no heading deeper than its lines, furniture folded, TOC numbers whole) | test_layout_pages::test_lambda_topic_page_is_one_merged_outline_at_390_and_1280 (loop) | (loop); test_layout_pages::test_a_table_of_contents_link_unfolds_its_section |
| Lambda under 2,000 px on desktop, everything reachable | — (desktop point) | test_layout_pages::test_lambda_topic_page_is_under_2000px_at_1280_with_every_section_reachable |
| navigation: one row, a menu button below 600 px | test_layout_pages::test_phone_navigation_is_one_row_with_a_menu_button | test_layout_pages::test_desktop_navigation_is_one_row_without_a_menu_button |
| no page wider than the screen | test_phone_crawl::test_learner_page_fits_a_phone (every learner page, 360 and 390); test_phone_crawl::test_admin_page_fits_a_phone | checked in every 1280 test above |
| question above the fold: /study/ | test_phone_crawl::test_learner_page_fits_a_phone [study]; test_review_queue_demo::test_demo_learner_answers_forty_cards_at_390 (every card) | test_study_points::test_a_session_shows_the_counters_on_every_screen_and_ends_on_a_summary [1280] (every card) |
| question above the fold: /practice/ | test_phone_crawl::test_practice_question_is_above_the_fold_on_a_phone; test_practice_journey::test_the_question_starts_above_the_fold [360] | test_practice_journey::test_the_question_starts_above_the_fold [1280] |
| question above the fold: /exam/ | test_exam_pages::test_question_page_is_no_wider_than_the_screen_and_the_question_is_above_the_fold [360], [390]; test_phone_crawl::test_learner_page_fits_a_phone [exam-question] | same [1280] |
| topics table headers whole on a phone | test_phone_crawl::test_topics_table_headers_are_whole_words_on_a_phone | — |
| email: links from SITE_URL, only learners who study, local Monday slot | not a browser point: tests/quizzes/mail/test_recipients_and_slot.py, tests/quizzes/mail/test_weekly_email_content.py | — |
| admin question bank readable | test_phone_crawl::test_admin_page_fits_a_phone [admin-items] | test_phone_crawl::test_the_bank_changelist_shows_every_column_at_1280 |
| favicon; pluralised counts | test_layout_pages::test_the_site_icon_loads_and_one_conflict_is_singular (loop); admin pages name the icon: tests/quizzes/bank/admin/test_bank_readability.py | (loop) |
| answer round trip within the statement budget | not a browser point: tests/quizzes/study/test_query_counts.py | — |
"""

from __future__ import annotations

import importlib
import re

TEST_NAME = re.compile(r"(test_\w+)::(test_\w+)")


def test_every_browser_test_the_audit_names_exists():
    named = set(TEST_NAME.findall(__doc__))
    assert len(named) > 20
    missing = [
        f"{module}::{test}"
        for module, test in sorted(named)
        if not callable(getattr(importlib.import_module(f"tests.browser.{module}"), test, None))
    ]
    assert missing == []
